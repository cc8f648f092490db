import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createInternalServer, type HealthProbe } from '@ecs/transport';
import { AGENT_COMMANDS, type AgentCommandIntake } from './agent-commands';
import { HostAccess } from './host-access';
import { HostAccessController } from './host-access.controller';
import { HostCommandController } from './host-command.controller';
import { OpsShellController } from './ops-shell.controller';
import { OpsShellSessions } from './ops-shell-sessions';

export interface AgentServerDeps {
  readonly commands: AgentCommandIntake;
  readonly access: HostAccess;
  /** The ops shell for the bastion; without an agent key the host serves none (its routes are 404). */
  readonly opsSessions?: OpsShellSessions;
  readonly token: string;
  readonly health: HealthProbe;
}

/** The agent's internal HTTP server: fenced, authenticated commands from the control leader, the host's consoles and disks, and its ops shell. */
export function createAgentServer(deps: AgentServerDeps): Promise<NestFastifyApplication> {
  const ops = deps.opsSessions;
  return createInternalServer({
    name: 'host-agent.http',
    token: deps.token,
    controllers: [HostCommandController, HostAccessController, ...(ops ? [OpsShellController] : [])],
    providers: [
      { provide: AGENT_COMMANDS, useValue: deps.commands },
      { provide: HostAccess, useValue: deps.access },
      ...(ops ? [{ provide: OpsShellSessions, useValue: ops }] : []),
    ],
    health: deps.health,
  });
}
