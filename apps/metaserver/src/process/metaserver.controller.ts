import { Body, Controller, Get, Header, HttpCode, Inject, Post } from '@nestjs/common';
import { IDENTITY_PUBLIC_KEY_PATH, METASERVER_ROUTES, type InstanceRequest, type MetadataReconcileRequest, type MetadataSocketAnswer } from '@ecs/contracts';
import { PublicRoute } from '@ecs/transport';
import { MetadataSockets } from './metadata-sockets';

export const IDENTITY_PUBLIC_KEY = Symbol('IdentityPublicKey');

/** Sockets for the host agent (internal token); the identity key for whoever verifies a guest's document (public). */
@Controller()
export class MetaServerController {
  constructor(
    @Inject(MetadataSockets) private readonly sockets: MetadataSockets,
    @Inject(IDENTITY_PUBLIC_KEY) private readonly publicKeyPem: string,
  ) {}

  @Post(METASERVER_ROUTES.attach)
  @HttpCode(200)
  attach(@Body() request: InstanceRequest): Promise<MetadataSocketAnswer> {
    return this.sockets.attach(request.instanceId);
  }

  @Post(METASERVER_ROUTES.detach)
  @HttpCode(204)
  detach(@Body() request: InstanceRequest): Promise<void> {
    return this.sockets.detach(request.instanceId);
  }

  @Post(METASERVER_ROUTES.reconcile)
  @HttpCode(204)
  reconcile(@Body() request: MetadataReconcileRequest): Promise<void> {
    return this.sockets.reconcile(request.instanceIds);
  }

  @Get(IDENTITY_PUBLIC_KEY_PATH)
  @PublicRoute()
  @Header('content-type', 'application/x-pem-file')
  publicKey(): string {
    return this.publicKeyPem;
  }
}
