import { Inject, Injectable } from '@nestjs/common';
import { API_DISPATCHER, type ApiDispatcher, type ApiResult } from '@ecs/contracts';
import type { FastifyRequest } from 'fastify';
import { RequestAuthenticator } from '../auth/request-authenticator';

export type RpcResponse = { readonly RequestId: string } & ApiResult;

/** Admits a tenant request and forwards it as an ApiCall; identity comes only from the verified AccessKey. */
@Injectable()
export class RpcGatewayService {
  constructor(
    @Inject(RequestAuthenticator) private readonly authenticator: RequestAuthenticator,
    @Inject(API_DISPATCHER) private readonly dispatcher: ApiDispatcher,
  ) {}

  async handle(request: FastifyRequest): Promise<RpcResponse> {
    const body = Buffer.isBuffer(request.body) ? request.body : undefined;
    const admitted = await this.authenticator.authenticate({ method: request.method, url: request.url, headers: request.headers, body, sourceIp: request.ip });
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
