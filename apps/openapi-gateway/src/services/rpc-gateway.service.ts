import { Inject, Injectable } from '@nestjs/common';
import { API_DISPATCHER, type ApiDispatcher, type ApiResult } from '@ecs/contracts';
import { isEcsError } from '@ecs/domain';
import { createLogger } from '@ecs/observability';
import type { FastifyRequest } from 'fastify';
import { RequestAuthenticator } from '../auth/request-authenticator';

const accessLog = createLogger('gateway.access');

export type RpcResponse = { readonly RequestId: string } & ApiResult;

/** Admits a tenant request and forwards it as an ApiCall; identity comes only from the verified AccessKey. */
@Injectable()
export class RpcGatewayService {
  constructor(
    @Inject(RequestAuthenticator) private readonly authenticator: RequestAuthenticator,
    @Inject(API_DISPATCHER) private readonly dispatcher: ApiDispatcher,
  ) {}

  /** One access-log line per request (RequestId, action, key, outcome, latency): what an SRE greps first. */
  async handle(request: FastifyRequest): Promise<RpcResponse> {
    const started = performance.now();
    let admitted: Awaited<ReturnType<RequestAuthenticator['authenticate']>> | undefined;
    try {
      const response = await this.forward(request, (a) => (admitted = a));
      accessLog.info('api request', { requestId: request.id, action: admitted?.action, accessKeyId: admitted?.caller.accessKeyId, code: 'OK', ms: Math.round(performance.now() - started) });
      return response;
    } catch (error) {
      const code = isEcsError(error) ? error.code : 'InternalError';
      accessLog.info('api request', { requestId: request.id, action: admitted?.action, accessKeyId: admitted?.caller.accessKeyId, code, ms: Math.round(performance.now() - started) });
      throw error;
    }
  }

  private async forward(request: FastifyRequest, onAdmitted: (admitted: Awaited<ReturnType<RequestAuthenticator['authenticate']>>) => void): Promise<RpcResponse> {
    const body = Buffer.isBuffer(request.body) ? request.body : undefined;
    const admitted = await this.authenticator.authenticate({ method: request.method, url: request.url, headers: request.headers, body, sourceIp: request.ip });
    onAdmitted(admitted);
    const result = await this.dispatcher.dispatch({
      requestId: request.id,
      action: admitted.action,
      version: admitted.version,
      regionId: admitted.regionId,
      params: admitted.params,
      caller: admitted.caller,
      sourceIp: request.ip,
    });
    return { RequestId: request.id, ...result };
  }
}
