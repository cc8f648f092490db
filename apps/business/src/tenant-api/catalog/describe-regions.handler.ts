import type { ApiResult } from '@ecs/contracts';
import type { TenantActionHandler, TenantApiDeps } from '../tenant-action';

export class DescribeRegionsHandler implements TenantActionHandler {
  readonly action = 'DescribeRegions';

  constructor(private readonly deps: TenantApiDeps) {}

  async handle(): Promise<ApiResult> {
    const regions = await this.deps.catalog.regions();
    return {
      Regions: {
        Region: regions.map((region) => ({
          RegionId: region.regionId,
          LocalName: region.localName,
          RegionEndpoint: region.endpoint,
          // The catalog lists only regions this platform serves, so each is open for use.
          Status: 'available',
        })),
      },
    };
  }
}
