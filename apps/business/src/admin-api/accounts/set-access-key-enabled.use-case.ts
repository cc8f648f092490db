import type { AccountRepository } from '@ecs/persistence';
import { z } from 'zod';
import { AdminError } from '../admin-error';
import type { AuditedChanges } from '../audit/audited-changes';
import type { Actor } from '../auth/actor';
import { parseCommand } from '../validation';
import { accessKeyId } from './account-fields';

const SetAccessKeyEnabledCommand = z.object({ accessKeyId, enabled: z.boolean() }).strict();

/** Disables or re-enables an AccessKey. The gateway reads keys on every request: a disabled key fails its very next call. */
export class SetAccessKeyEnabledUseCase {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly changes: AuditedChanges,
  ) {}

  async execute(actor: Actor, id: string, enabled: boolean): Promise<{ AccessKeyId: string; Enabled: boolean }> {
    const command = parseCommand(SetAccessKeyEnabledCommand, { accessKeyId: id, enabled });
    return this.changes.apply(actor, enabled ? 'access-key.enable' : 'access-key.disable', `access-key/${command.accessKeyId}`, async (tx) => {
      const before = await this.accounts.accessKeyIn(tx, command.accessKeyId);
      if (!before) throw new AdminError('AccessKey.NotFound');
      await this.accounts.setAccessKeyEnabledIn(tx, command.accessKeyId, command.enabled);
      return { before: { ...before }, after: { ...before, enabled: command.enabled }, result: { AccessKeyId: command.accessKeyId, Enabled: command.enabled } };
    });
  }
}
