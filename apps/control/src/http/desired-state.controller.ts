import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { DESIRED_STATE_ROUTE, type DesiredDomain, type DesiredStateRequest, type DesiredStateSource } from '@ecs/contracts';

export const SERVED_DESIRED_STATE = Symbol('ServedDesiredState');

/** A host's whole desired state for its agent's resync; only the leader answers (its epoch fences the snapshot). */
@Controller()
export class DesiredStateController {
  constructor(@Inject(SERVED_DESIRED_STATE) private readonly desired: DesiredStateSource) {}

  @Post(DESIRED_STATE_ROUTE)
  @HttpCode(200)
  desiredDomains(@Body() request: DesiredStateRequest): Promise<{ epoch: number; domains: DesiredDomain[] }> {
    return this.desired.desiredDomains(request.hostId);
  }
}
