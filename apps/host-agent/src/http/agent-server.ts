import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createInternalServer, type HealthProbe } from '@ecs/transport';
import { AGENT_COMMANDS, type AgentCommandIntake } from './agent-commands';
import { HostCommandController } from './host-command.controller';

/** The agent's internal HTTP server: fenced, authenticated commands from the control leader. */
export function createAgentServer(deps: { readonly commands: AgentCommandIntake; readonly token: string; readonly health: HealthProbe }): Promise<NestFastifyApplication> {
  return createInternalServer({
    name: 'host-agent.http',
    token: deps.token,
    controllers: [HostCommandController],
    providers: [{ provide: AGENT_COMMANDS, useValue: deps.commands }],
    health: deps.health,
  });
}
