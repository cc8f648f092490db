import type { TenantQuota } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';
import type { LedgerRepository, QuotaRepository, Tx } from '@ecs/persistence';

export interface QuotaDemand {
  readonly accountId: string;
  readonly regionId: string;
  /** What the claim adds: a resize adds only the difference. */
  readonly vcpus: number;
  readonly instances: number;
}

const RECOMMEND = 'Release instances you no longer need, or ask an operator to raise your quota.';

/**
 * Checks a claim against the tenant's quota inside the claim's own transaction: the account is
 * locked first, then usage is summed from the ledger, so concurrent claims of one tenant queue up
 * and none can slip past the limit. Usage is never a separate counter that could drift.
 */
export class QuotaGuard {
  constructor(
    private readonly quotas: QuotaRepository,
    private readonly ledger: LedgerRepository,
  ) {}

  async admit(tx: Tx, demand: QuotaDemand): Promise<void> {
    await this.ledger.lockAccount(tx, demand.accountId);
    // Both reads inside the transaction: on SQLite a read outside it would queue behind it forever.
    const quota = await this.quotas.get(demand.accountId, demand.regionId, tx);
    const usage = await this.ledger.usageOf(demand.accountId, demand.regionId, tx);
    refuseBeyond(quota, usage, demand);
  }

  /** The same check without a claim, for DryRun. */
  async preview(demand: QuotaDemand): Promise<void> {
    const [quota, usage] = await Promise.all([this.quotas.get(demand.accountId, demand.regionId), this.ledger.usageOf(demand.accountId, demand.regionId)]);
    refuseBeyond(quota, usage, demand);
  }
}

function refuseBeyond(quota: TenantQuota, usage: { vcpus: number; instances: number }, demand: QuotaDemand): void {
  if (usage.instances + demand.instances > quota.maxInstances) {
    throw new EcsError('QuotaExceed.Instance', `The instance quota of ${quota.maxInstances} in ${demand.regionId} would be exceeded: ${usage.instances} in use, ${demand.instances} more requested.`, RECOMMEND);
  }
  if (usage.vcpus + demand.vcpus > quota.maxVcpus) {
    throw new EcsError('QuotaExceed.Cpu', `The vCPU quota of ${quota.maxVcpus} in ${demand.regionId} would be exceeded: ${usage.vcpus} in use, ${demand.vcpus} more requested.`, RECOMMEND);
  }
}
