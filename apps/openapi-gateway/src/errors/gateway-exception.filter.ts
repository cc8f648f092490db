import { Catch, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { createLogger } from '@ecs/observability';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import { toErrorResponse } from './error-envelope';

const log = createLogger('openapi-gateway');

/** Every failure, from a route or from fastify itself (body limit, content type), leaves as an ECS error envelope. */
@Catch()
export class GatewayExceptionFilter implements ExceptionFilter {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const response = toErrorResponse(exception, request.id, this.config.hostId);
    if (response.unexpected) log.error('request failed unexpectedly', { requestId: request.id, error: exception });
    void http.getResponse<FastifyReply>().status(response.status).send(response.body);
  }
}
