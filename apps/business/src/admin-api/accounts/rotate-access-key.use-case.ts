import type { AccountRepository } from '@ecs/persistence';
import { z } from 'zod';
import { AdminError } from '../admin-error';
import type { AuditedChanges } from '../audit/audited-changes';
import type { Actor } from '../auth/actor';
import { parseCommand } from '../validation';
import { accessKeyId } from './account-fields';

const RotateAccessKeyCommand = z.object({ accessKeyId }).strict();

export interface RotatedAccessKey {
  readonly AccountId: string;
  readonly AccessKeyId: string;
  readonly AccessKeySecret: string;
  readonly DisabledAccessKeyId: string;
}

/**
 * Replaces a key that may have leaked: issues a new one for the same tenant and disables the old
 * one in the same transaction, so there is never a moment with both or neither. The new secret is
 * shown once; re-enabling the old key is a separate, audited decision.
 */
export class RotateAccessKeyUseCase {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly changes: AuditedChanges,
  ) {}

  async execute(actor: Actor, id: string): Promise<RotatedAccessKey> {
    const command = parseCommand(RotateAccessKeyCommand, { accessKeyId: id });
    return this.changes.apply(actor, 'access-key.rotate', `access-key/${command.accessKeyId}`, async (tx) => {
      const old = await this.accounts.accessKeyIn(tx, command.accessKeyId);
      if (!old) throw new AdminError('AccessKey.NotFound');
      const key = await this.accounts.issueAccessKey(tx, old.accountId);
      await this.accounts.setAccessKeyEnabledIn(tx, old.accessKeyId, false);
      return {
        before: { ...old },
        after: { ...old, enabled: false, replacedBy: key.AccessKeyId },
        result: { AccountId: old.accountId, ...key, DisabledAccessKeyId: old.accessKeyId },
      };
    });
  }
}
