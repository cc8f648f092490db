import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { API_DISPATCHER, type ApiDispatcher } from '@ecs/contracts';
import { createInternalServer, DispatchController, type HealthProbe } from '@ecs/transport';

/** The business layer's internal HTTP server: the API proxy hands it this region's tenant calls. */
export function createBusinessServer(deps: { readonly dispatcher: ApiDispatcher; readonly token: string; readonly health: HealthProbe }): Promise<NestFastifyApplication> {
  return createInternalServer({
    name: 'business.http',
    token: deps.token,
    controllers: [DispatchController],
    providers: [{ provide: API_DISPATCHER, useValue: deps.dispatcher }],
    health: deps.health,
  });
}
