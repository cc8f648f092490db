import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createCache } from '@ecs/cache';
import type { GatewayServiceConfig } from '@ecs/config';
import { SERVICE_GROUPS, type ServiceEndpoint } from '@ecs/contracts';
import { createCoordinator } from '@ecs/coordination';
import { createLogger } from '@ecs/observability';
import { AccountRepository, Database } from '@ecs/persistence';
import { HttpApiDispatcher, roundRobin, serverUrl, ServiceWatch } from '@ecs/transport';
import { createGatewayApp } from '../create-gateway-app';

const log = createLogger('openapi-gateway.process');
const BODY_LIMIT_BYTES = 1024 * 1024;
/** Outlasts the proxy's own wait on the business layer, so the innermost timeout is the one reported. */
const PROXY_TIMEOUT_MS = 40_000;

export interface GatewayProcess {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * The public OpenAPI endpoint on its own: AccessKeys read from MariaDB on every request (a disabled
 * key is refused on its next request), nonces and per-key rate limits in Redis, calls forwarded to
 * any live API proxy found in ZooKeeper. Ready (GET /healthz) once a proxy is registered.
 */
export async function startGatewayProcess(config: GatewayServiceConfig): Promise<GatewayProcess> {
  const db = await Database.open(config.db, { runMigrations: false });
  const coordinator = await createCoordinator({ kind: 'zookeeper', ...config.zookeeper });
  const cache = createCache(config.redis);
  const proxies = await ServiceWatch.start<ServiceEndpoint>(coordinator, SERVICE_GROUPS.apiProxy);
  const dispatcher = new HttpApiDispatcher({ service: 'api-proxy', token: config.internalToken, endpoints: roundRobin(() => proxies.members()), timeoutMs: PROXY_TIMEOUT_MS });
  const gateway: NestFastifyApplication = await createGatewayApp({
    dispatcher,
    credentials: new AccountRepository(db),
    cache,
    readiness: { isReady: () => proxies.members().length > 0 },
    config: {
      timestampWindowMs: config.timestampWindowMs,
      throttlePerSecond: config.throttlePerSecond,
      bodyLimitBytes: BODY_LIMIT_BYTES,
      hostId: `ecs.${config.regionId}.aliyuncs.com`,
    },
  });
  await gateway.listen(config.port, config.host);
  const url = serverUrl(gateway);
  log.info('gateway ready', { url });
  return {
    url,
    async stop() {
      await gateway.close();
      proxies.close();
      await coordinator.close();
      await cache.close();
      await db.close();
    },
  };
}
