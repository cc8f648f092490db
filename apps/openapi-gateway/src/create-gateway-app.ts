import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { newRequestId } from '@ecs/domain';
import type { FastifyRequest } from 'fastify';
import { OpenApiGatewayModule, type GatewayDependencies } from './gateway.module';
import { NestLogBridge } from './nest-log-bridge';

/**
 * Builds the gateway, initialised but not yet listening. Fastify is trimmed to what the RPC API
 * needs: no logger at all (so no per-request log lines), RequestIds as fastify request ids (so even a
 * body-limit rejection has one; a client-sent request-id header is never used), and one body parser
 * that keeps the raw bytes, since ACS3 signs the body's exact hash.
 */
export async function createGatewayApp(deps: GatewayDependencies): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    logger: false,
    bodyLimit: deps.config.bodyLimitBytes,
    genReqId: newRequestId,
    skipMiddie: true,
    // The gateway decodes the query itself, strictly; fastify's lenient parse would be wasted work.
    routerOptions: { querystringParser: emptyQuery },
  });
  const fastify = adapter.getInstance();
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, keepRawBody);
  const app = await NestFactory.create<NestFastifyApplication>(OpenApiGatewayModule.register(deps), adapter, {
    bodyParser: false,
    logger: new NestLogBridge(),
    abortOnError: false,
  });
  await app.init();
  return app;
}

function emptyQuery(): Record<string, string> {
  return {};
}

function keepRawBody(_request: FastifyRequest, body: Buffer, done: (error: Error | null, body?: Buffer) => void): void {
  done(null, body);
}
