import type { AccountRepository, CreatedAccount } from '@ecs/persistence';
import { z } from 'zod';
import type { AuditedChanges } from '../audit/audited-changes';
import type { Actor } from '../auth/actor';
import { parseCommand } from '../validation';
import { accountName } from './account-fields';

const CreateAccountCommand = z.object({ name: accountName }).strict();

/** A tenant account with its first AccessKey. The secret is in this answer and never again (nor in the audit log). */
export class CreateAccountUseCase {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly changes: AuditedChanges,
  ) {}

  async execute(actor: Actor, input: unknown): Promise<CreatedAccount> {
    const command = parseCommand(CreateAccountCommand, input);
    return this.changes.apply(actor, 'account.create', `account/${command.name}`, async (tx) => {
      const created = await this.accounts.createAccountIn(tx, command.name);
      return { before: null, after: { accountId: created.AccountId, name: command.name, accessKeyId: created.AccessKeyId }, result: created };
    });
  }
}
