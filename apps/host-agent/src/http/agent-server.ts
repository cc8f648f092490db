import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createInternalServer, type HealthProbe } from '@ecs/transport';
import { AGENT_COMMANDS, type AgentCommandIntake } from './agent-commands';
import { HostAccess } from './host-access';
import { HostAccessController } from './host-access.controller';
import { HostCommandController } from './host-command.controller';

/** The agent's internal HTTP server: fenced, authenticated commands from the control leader, and the host's consoles and disks. */
export function createAgentServer(deps: { readonly commands: AgentCommandIntake; readonly access: HostAccess; readonly token: string; readonly health: HealthProbe }): Promise<NestFastifyApplication> {
  return createInternalServer({
    name: 'host-agent.http',
    token: deps.token,
    controllers: [HostCommandController, HostAccessController],
    providers: [
      { provide: AGENT_COMMANDS, useValue: deps.commands },
      { provide: HostAccess, useValue: deps.access },
    ],
    health: deps.health,
  });
}
