import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CONTROL_API, type ControlApi, type DesiredStateSource } from '@ecs/contracts';
import { createInternalServer, type HealthProbe } from '@ecs/transport';
import { ControlApiController } from './control-api.controller';
import { DesiredStateController, SERVED_DESIRED_STATE } from './desired-state.controller';
import { InstanceHostAccess } from './instance-host-access';
import { InstanceHostController } from './instance-host.controller';

export interface ControlServerDeps {
  /** As served: leader-gated, cached (see control-process.ts). */
  readonly api: ControlApi;
  readonly desiredState: DesiredStateSource;
  /** Instance metadata, consoles and disks for the metaservers, the business layer and the image center. */
  readonly hostAccess: InstanceHostAccess;
  readonly token: string;
  readonly health: HealthProbe;
}

/** Control's internal HTTP server: ControlApi for the business layer, desired state for host agents, host access for the rest. */
export function createControlServer(deps: ControlServerDeps): Promise<NestFastifyApplication> {
  return createInternalServer({
    name: 'control.http',
    token: deps.token,
    controllers: [ControlApiController, DesiredStateController, InstanceHostController],
    providers: [
      { provide: CONTROL_API, useValue: deps.api },
      { provide: SERVED_DESIRED_STATE, useValue: deps.desiredState },
      { provide: InstanceHostAccess, useValue: deps.hostAccess },
    ],
    health: deps.health,
  });
}
