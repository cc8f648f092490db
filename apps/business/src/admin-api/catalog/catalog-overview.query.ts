import type { CatalogReader, InstanceFamilyRecord, InstanceTypeRecord } from '@ecs/contracts';
import type { LedgerRepository } from '@ecs/persistence';

export interface CatalogOverview {
  readonly families: InstanceFamilyRecord[];
  readonly instanceTypes: InstanceTypeRecord[];
  /** Host classes the fleet has, so a new type can be given one that some host can run. */
  readonly hostClasses: string[];
}

export class CatalogOverviewQuery {
  constructor(
    private readonly catalog: CatalogReader,
    private readonly ledger: LedgerRepository,
  ) {}

  async execute(): Promise<CatalogOverview> {
    const [families, instanceTypes, hosts] = await Promise.all([this.catalog.families(), this.catalog.instanceTypes(), this.ledger.hosts()]);
    return { families, instanceTypes, hostClasses: [...new Set(hosts.map((h) => h.hostClass))].sort() };
  }
}
