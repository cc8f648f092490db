import type { ApiCall, ApiDispatcher, ApiResult } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';
import type { TenantActionHandler, TenantApiDeps } from './tenant-action';
import { tenantActionHandlers } from './tenant-action-handlers';

/** One region's business layer as the API proxy sees it: looks the action up and runs its handler. */
export class TenantApiDispatcher implements ApiDispatcher {
  private readonly handlers: ReadonlyMap<string, TenantActionHandler>;

  constructor(deps: TenantApiDeps) {
    this.handlers = new Map(tenantActionHandlers(deps).map((handler) => [handler.action, handler]));
  }

  async dispatch(call: ApiCall): Promise<ApiResult> {
    const handler = this.handlers.get(call.action);
    if (handler === undefined) throw new EcsError('InvalidAction.NotFound');
    return handler.handle(call);
  }
}
