import type { ApiProxyServiceConfig } from '@ecs/config';
import { API_DISPATCHER, SERVICE_GROUPS, type BusinessEndpoint, type ServiceEndpoint } from '@ecs/contracts';
import { createCoordinator } from '@ecs/coordination';
import { createLogger } from '@ecs/observability';
import { createInternalServer, DispatchController, HttpApiDispatcher, listenInternal, processMemberId, roundRobin, ServiceWatch } from '@ecs/transport';
import { RegionRouter } from '../routing/region-router';

const log = createLogger('api-proxy.process');
/** Outlasts the business layer's own wait on control, so the inner timeout is the one reported. */
const BUSINESS_TIMEOUT_MS = 35_000;
const BUSINESS_RETRY_BUDGET_MS = 10_000;

export interface ProxyProcess {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * The API proxy on its own: routes each call by product version and RegionId to a business layer
 * of that region, found by service discovery in ZooKeeper (any live replica of the region), and
 * announces itself there for the gateways.
 */
export async function startProxyProcess(config: ApiProxyServiceConfig): Promise<ProxyProcess> {
  const coordinator = await createCoordinator({ kind: 'zookeeper', ...config.zookeeper });
  const businesses = await ServiceWatch.start<BusinessEndpoint>(coordinator, SERVICE_GROUPS.business);
  const inRegion = roundRobin(() => businesses.members().filter((m) => m.data.regionId === config.regionId));
  const business = new HttpApiDispatcher({ service: `business (${config.regionId})`, token: config.internalToken, endpoints: inRegion, timeoutMs: BUSINESS_TIMEOUT_MS, retryBudgetMs: BUSINESS_RETRY_BUDGET_MS });
  const router = new RegionRouter({ regions: new Map([[config.regionId, business]]) });
  const server = await createInternalServer({
    name: 'api-proxy.http',
    token: config.internalToken,
    controllers: [DispatchController],
    providers: [{ provide: API_DISPATCHER, useValue: router }],
    health: { report: () => ({ status: 'ok', service: 'api-proxy', pid: process.pid }) },
  });
  const url = await listenInternal(server, config.server);
  const endpoint: ServiceEndpoint = { url, pid: process.pid };
  const registration = await coordinator.register(SERVICE_GROUPS.apiProxy, processMemberId('api-proxy'), endpoint);
  log.info('api proxy ready', { url, regionId: config.regionId });
  return {
    url,
    async stop() {
      await registration.close();
      await server.close();
      businesses.close();
      await coordinator.close();
    },
  };
}
