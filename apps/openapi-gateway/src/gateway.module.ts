import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { Cache } from '@ecs/cache';
import { API_DISPATCHER, type ApiDispatcher, type CredentialStore } from '@ecs/contracts';
import { RequestAuthenticator } from './auth/request-authenticator';
import { HealthController } from './controllers/health.controller';
import { RpcController } from './controllers/rpc.controller';
import { GatewayExceptionFilter } from './errors/gateway-exception.filter';
import { GATEWAY_CONFIG, type GatewayConfig } from './gateway-config';
import { READINESS_PROBE, type ReadinessProbe } from './readiness-probe';
import { HealthService } from './services/health.service';
import { RpcGatewayService } from './services/rpc-gateway.service';

export interface GatewayDependencies {
  readonly dispatcher: ApiDispatcher;
  readonly credentials: CredentialStore;
  readonly cache: Cache;
  readonly readiness: ReadinessProbe;
  readonly config: GatewayConfig;
}

@Module({})
export class OpenApiGatewayModule {
  static register(deps: GatewayDependencies): DynamicModule {
    return {
      module: OpenApiGatewayModule,
      controllers: [RpcController, HealthController],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: deps.config },
        { provide: API_DISPATCHER, useValue: deps.dispatcher },
        { provide: READINESS_PROBE, useValue: deps.readiness },
        { provide: RequestAuthenticator, useValue: new RequestAuthenticator({ credentials: deps.credentials, cache: deps.cache, config: deps.config }) },
        RpcGatewayService,
        HealthService,
        { provide: APP_FILTER, useClass: GatewayExceptionFilter },
      ],
    };
  }
}
