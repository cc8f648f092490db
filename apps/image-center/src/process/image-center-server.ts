import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IMAGE_SERVICE, type ImageService } from '@ecs/contracts';
import { createInternalServer, type HealthProbe } from '@ecs/transport';
import { ImageCenterController } from './image-center.controller';

/** The image center's internal HTTP server: the tenant image actions, handed over by the business layer. */
export function createImageCenterServer(deps: { readonly images: ImageService; readonly token: string; readonly health: HealthProbe }): Promise<NestFastifyApplication> {
  return createInternalServer({
    name: 'image-center.http',
    token: deps.token,
    controllers: [ImageCenterController],
    providers: [{ provide: IMAGE_SERVICE, useValue: deps.images }],
    health: deps.health,
  });
}
