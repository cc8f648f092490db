import type { TenantQuota } from '@ecs/contracts';
import type { QuotaDefaults, QuotaRepository } from '@ecs/persistence';

/** The region's explicit quotas and the defaults everyone else has. */
export class ListQuotasQuery {
  constructor(
    private readonly quotas: QuotaRepository,
    private readonly regionId: string,
  ) {}

  async execute(): Promise<{ regionId: string; defaults: QuotaDefaults; quotas: TenantQuota[] }> {
    return { regionId: this.regionId, defaults: this.quotas.defaults, quotas: await this.quotas.list(this.regionId) };
  }
}
