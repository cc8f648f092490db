import { Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { RpcGatewayService, type RpcResponse } from '../services/rpc-gateway.service';

/** The ECS RPC endpoint: parameters in the query (GET) or in a form body (POST). */
@Controller()
export class RpcController {
  constructor(@Inject(RpcGatewayService) private readonly rpc: RpcGatewayService) {}

  @Get()
  viaQuery(@Req() request: FastifyRequest): Promise<RpcResponse> {
    return this.rpc.handle(request);
  }

  @Post()
  @HttpCode(200)
  viaForm(@Req() request: FastifyRequest): Promise<RpcResponse> {
    return this.rpc.handle(request);
  }
}
