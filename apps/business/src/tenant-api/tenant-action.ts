import type { ApiCall, ApiResult, CatalogReader, ControlApi } from '@ecs/contracts';

/** What every tenant action of one region's business layer works with. */
export interface TenantApiDeps {
  readonly control: ControlApi;
  readonly catalog: CatalogReader;
  /** The region this business layer serves; the API proxy routes only this region's calls here. */
  readonly regionId: string;
}

/** One ECS action: parses the call's parameters into a command, runs it, shapes the ECS response. */
export interface TenantActionHandler {
  readonly action: string;
  handle(call: ApiCall): Promise<ApiResult>;
}
