import type { ApiCall, ApiDispatcher, ApiResult } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';
import { ECS_ACTION_SCOPES, ECS_API_VERSION, type ActionScope } from './ecs-actions';

export interface RegionRouterConfig {
  /** Each region's business layer, by RegionId. The first one also answers global actions sent without a region. */
  readonly regions: ReadonlyMap<string, ApiDispatcher>;
  readonly actionScopes?: Readonly<Record<string, ActionScope>>;
}

/** The API proxy: checks the product version, then hands the call to the business layer of its region. */
export class RegionRouter implements ApiDispatcher {
  private readonly regions: ReadonlyMap<string, ApiDispatcher>;
  private readonly actionScopes: Readonly<Record<string, ActionScope>>;

  constructor(config: RegionRouterConfig) {
    if (config.regions.size === 0) throw new Error('RegionRouter needs at least one region');
    this.regions = config.regions;
    this.actionScopes = config.actionScopes ?? ECS_ACTION_SCOPES;
  }

  async dispatch(call: ApiCall): Promise<ApiResult> {
    if (call.version === '') throw EcsError.missing('Version');
    if (call.version !== ECS_API_VERSION) throw new EcsError('InvalidVersion');
    const scope = Object.hasOwn(this.actionScopes, call.action) ? this.actionScopes[call.action] : undefined;
    if (scope === undefined) throw new EcsError('InvalidAction.NotFound');
    const regionId = call.regionId === '' ? undefined : call.regionId;
    switch (scope) {
      case 'global':
        return (this.known(regionId) ?? this.anyRegion()).dispatch(call);
      case 'regional':
        if (regionId === undefined) throw EcsError.missing('RegionId');
        return this.named(regionId).dispatch(call);
      case 'instance':
        return regionId === undefined ? this.locate(call) : this.named(regionId).dispatch(call);
    }
  }

  private known(regionId: string | undefined): ApiDispatcher | undefined {
    return regionId === undefined ? undefined : this.regions.get(regionId);
  }

  private named(regionId: string): ApiDispatcher {
    const dispatcher = this.regions.get(regionId);
    if (dispatcher === undefined) throw new EcsError('InvalidRegionId.NotFound');
    return dispatcher;
  }

  private anyRegion(): ApiDispatcher {
    return this.regions.values().next().value!;
  }

  /**
   * Tries the regions in turn until one knows the instance. Not-found has no side effects, so asking a
   * region that does not hold the instance is harmless; any other answer is the instance's region speaking.
   */
  private async locate(call: ApiCall): Promise<ApiResult> {
    let notFound: EcsError | undefined;
    for (const dispatcher of this.regions.values()) {
      try {
        return await dispatcher.dispatch(call);
      } catch (error) {
        if (!(error instanceof EcsError) || error.code !== 'InvalidInstanceId.NotFound') throw error;
        notFound = error;
      }
    }
    throw notFound ?? new EcsError('InvalidInstanceId.NotFound');
  }
}
