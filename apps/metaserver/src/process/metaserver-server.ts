import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createInternalServer, type HealthProbe } from '@ecs/transport';
import { MetadataSockets } from './metadata-sockets';
import { IDENTITY_PUBLIC_KEY, MetaServerController } from './metaserver.controller';

/**
 * A host's metaserver's internal HTTP server. It stands in for the all-in-one's management port
 * too (the public key next to `/healthz`), so a metaserver process needs one TCP port, not two.
 */
export function createMetaServerServer(deps: { readonly sockets: MetadataSockets; readonly publicKeyPem: string; readonly token: string; readonly health: HealthProbe }): Promise<NestFastifyApplication> {
  return createInternalServer({
    name: 'metaserver.http',
    token: deps.token,
    controllers: [MetaServerController],
    providers: [
      { provide: MetadataSockets, useValue: deps.sockets },
      { provide: IDENTITY_PUBLIC_KEY, useValue: deps.publicKeyPem },
    ],
    health: deps.health,
  });
}
