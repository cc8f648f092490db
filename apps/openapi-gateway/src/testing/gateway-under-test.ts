import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Cache } from '@ecs/cache';
import type { ApiCall, ApiResult } from '@ecs/contracts';
import { createGatewayApp } from '../create-gateway-app';
import type { GatewayConfig } from '../gateway-config';
import { InMemoryCache } from './in-memory-cache';
import { InMemoryCredentialStore } from './in-memory-credential-store';
import { RecordingDispatcher } from './recording-dispatcher';

export const TENANT = { accessKeyId: 'LTAI5tTenantKey0001', accessKeySecret: 'tenant-secret-0001', accountId: '1001' } as const;
export const DISABLED = { accessKeyId: 'LTAI5tDisabledKey01', accessKeySecret: 'disabled-secret-01', accountId: '1002' } as const;

export interface GatewayUnderTest {
  readonly app: NestFastifyApplication;
  readonly port: number;
  readonly host: string;
  readonly dispatcher: RecordingDispatcher;
  readonly readiness: { ready: boolean };
  close(): Promise<void>;
}

/** The gateway listening on a free loopback port, with in-memory collaborators unless a cache is given. */
export async function startGateway(
  options: { config?: Partial<GatewayConfig>; answer?: (call: ApiCall) => Promise<ApiResult>; cache?: Cache } = {},
): Promise<GatewayUnderTest> {
  const dispatcher = new RecordingDispatcher(options.answer);
  const readiness = { ready: true };
  const app = await createGatewayApp({
    dispatcher,
    credentials: new InMemoryCredentialStore([
      { ...TENANT, enabled: true },
      { ...DISABLED, enabled: false },
    ]),
    cache: options.cache ?? new InMemoryCache(),
    readiness: { isReady: () => readiness.ready },
    config: { timestampWindowMs: 15 * 60 * 1000, throttlePerSecond: 1000, bodyLimitBytes: 64 * 1024, hostId: 'ecs.test.internal', ...options.config },
  });
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  return { app, port, host: `127.0.0.1:${port}`, dispatcher, readiness, close: () => app.close() };
}
