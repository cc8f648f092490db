import { DISPATCH_ROUTE, type ApiCall, type ApiDispatcher, type ApiResult } from '@ecs/contracts';
import type { EndpointSource } from './endpoint-source';
import { InternalClient } from './internal-client';

export interface HttpApiDispatcherOptions {
  readonly service: string;
  readonly token: string;
  readonly endpoints: EndpointSource;
  readonly timeoutMs: number;
  readonly retryBudgetMs?: number;
}

/**
 * The next hop of the request path over HTTP. Only calls that are safe to repeat are retried after
 * an unknown outcome: ECS Describe* actions (reads) and calls carrying a ClientToken (the business
 * layer and control deduplicate those).
 */
export class HttpApiDispatcher implements ApiDispatcher {
  private readonly client: InternalClient;

  constructor(options: HttpApiDispatcherOptions) {
    this.client = new InternalClient(options);
  }

  dispatch(call: ApiCall): Promise<ApiResult> {
    return this.client.post<ApiResult>(DISPATCH_ROUTE, call, { idempotent: isRepeatable(call) });
  }
}

export function isRepeatable(call: Pick<ApiCall, 'action' | 'params'>): boolean {
  return call.action.startsWith('Describe') || (call.params.ClientToken ?? '') !== '';
}
