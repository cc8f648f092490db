import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createLogger } from '@ecs/observability';
import { HEALTH_PROBE, HealthController, type HealthProbe } from './health.controller';
import { InternalAuthGuard } from './internal-auth.guard';
import { InternalExceptionFilter } from './internal-exception.filter';
import { InternalToken } from './internal-token';
import { NestLogBridge } from './nest-log-bridge';

/** Large enough for a RunInstances with 100 instances and 32 KiB of user data; small enough to refuse floods. */
const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

export interface InternalServerOptions {
  /** The component, for logs. */
  readonly name: string;
  /** The shared internal token every caller must present. */
  readonly token: string;
  readonly controllers: readonly Type[];
  readonly providers: readonly Provider[];
  readonly health: HealthProbe;
  readonly bodyLimitBytes?: number;
}

@Module({})
class InternalServerModule {}

/**
 * A component's internal HTTP server (NestJS on Fastify), initialised but not listening: the
 * app's one-line controllers, plus the internal-token guard on every route but `/healthz`, and the
 * wire error filter that lets an error cross the process boundary as itself.
 */
export async function createInternalServer(options: InternalServerOptions): Promise<NestFastifyApplication> {
  const log = createLogger(options.name);
  const module: DynamicModule = {
    module: InternalServerModule,
    controllers: [...options.controllers, HealthController],
    providers: [
      ...options.providers,
      { provide: HEALTH_PROBE, useValue: options.health },
      { provide: InternalToken, useValue: new InternalToken(options.token) },
      { provide: APP_GUARD, useClass: InternalAuthGuard },
    ],
  };
  const app = await NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter({ logger: false, bodyLimit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES }), {
    logger: new NestLogBridge(log),
    abortOnError: false,
  });
  app.useGlobalFilters(new InternalExceptionFilter(log));
  await app.init();
  return app;
}

/**
 * Listens and returns the URL peers should use. A server bound to every interface is reached at
 * `advertiseHost` (a pod IP, a host name), never at 0.0.0.0.
 */
export async function listenInternal(app: NestFastifyApplication, bind: { host: string; port: number; advertiseHost?: string }): Promise<string> {
  await app.listen(bind.port, bind.host);
  return serverUrl(app, bind.advertiseHost);
}

export function serverUrl(app: NestFastifyApplication, advertiseHost?: string): string {
  const address: unknown = app.getHttpServer().address();
  if (address === null || typeof address !== 'object' || !('port' in address) || !('address' in address)) throw new Error('server is not listening on TCP');
  const { port, address: bound } = address as { port: number; address: string };
  const wildcard = bound === '0.0.0.0' || bound === '::';
  const host = advertiseHost ?? (wildcard ? '127.0.0.1' : bound);
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
