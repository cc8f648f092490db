import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { HOST_COMMAND_ROUTE, type HostCommand } from '@ecs/contracts';
import { AGENT_COMMANDS, type AgentCommandIntake } from './agent-commands';

/** Fenced commands from the control leader; a stale epoch answers 409 (StaleEpochError on the caller's side). */
@Controller()
export class HostCommandController {
  constructor(@Inject(AGENT_COMMANDS) private readonly agent: AgentCommandIntake) {}

  @Post(HOST_COMMAND_ROUTE)
  @HttpCode(204)
  send(@Body() command: HostCommand): Promise<void> {
    return this.agent.send(command);
  }
}
