import type { AccountRepository } from '@ecs/persistence';
import { z } from 'zod';
import { AdminError } from '../admin-error';
import type { AuditedChanges } from '../audit/audited-changes';
import type { Actor } from '../auth/actor';
import { parseCommand } from '../validation';
import { accountId } from './account-fields';

const IssueAccessKeyCommand = z.object({ accountId }).strict();

/** Another AccessKey for an existing tenant; its secret is shown once. */
export class IssueAccessKeyUseCase {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly changes: AuditedChanges,
  ) {}

  async execute(actor: Actor, account: string): Promise<{ AccountId: string; AccessKeyId: string; AccessKeySecret: string }> {
    const command = parseCommand(IssueAccessKeyCommand, { accountId: account });
    return this.changes.apply(actor, 'access-key.create', `account/${command.accountId}`, async (tx) => {
      if (!(await this.accounts.accountIn(tx, command.accountId))) throw new AdminError('Account.NotFound');
      const key = await this.accounts.issueAccessKey(tx, command.accountId);
      return { before: null, after: { accessKeyId: key.AccessKeyId, enabled: true }, result: { AccountId: command.accountId, ...key } };
    });
  }
}
