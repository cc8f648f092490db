import type { TenantQuota } from '@ecs/contracts';
import type { AccountRepository, QuotaRepository } from '@ecs/persistence';
import { z } from 'zod';
import { AdminError } from '../admin-error';
import type { AuditedChanges } from '../audit/audited-changes';
import type { Actor } from '../auth/actor';
import { parseCommand } from '../validation';
import { accountId } from '../accounts/account-fields';

const SetQuotaCommand = z
  .object({
    accountId,
    maxVcpus: z.number({ error: 'enter the vCPU limit' }).int('a whole number').min(0, 'cannot be negative').max(1_000_000, 'at most 1,000,000'),
    maxInstances: z.number({ error: 'enter the instance limit' }).int('a whole number').min(0, 'cannot be negative').max(100_000, 'at most 100,000'),
  })
  .strict();

/** Sets a tenant's limits in this region; control checks them in the same transaction as each capacity claim. */
export class SetQuotaUseCase {
  constructor(
    private readonly quotas: QuotaRepository,
    private readonly accounts: AccountRepository,
    private readonly changes: AuditedChanges,
    private readonly regionId: string,
  ) {}

  async execute(actor: Actor, account: string, input: unknown): Promise<TenantQuota> {
    const command = parseCommand(SetQuotaCommand, { ...(typeof input === 'object' && input !== null ? input : {}), accountId: account });
    return this.changes.apply(actor, 'quota.set', `quota/${command.accountId}/${this.regionId}`, async (tx) => {
      if (!(await this.accounts.accountIn(tx, command.accountId))) throw new AdminError('Account.NotFound');
      const before = await this.quotas.get(command.accountId, this.regionId, tx);
      const after = await this.quotas.set({ ...command, regionId: this.regionId }, tx);
      return { before: { ...before }, after: { ...after }, result: after };
    });
  }
}
