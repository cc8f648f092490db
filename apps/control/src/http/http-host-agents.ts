import { SERVICE_GROUPS, HOST_COMMAND_ROUTE, type HostAgentClient, type HostAgentDirectory, type HostCommand, type HostRegistration } from '@ecs/contracts';
import type { Coordinator } from '@ecs/coordination';
import { fixedEndpoint, InternalClient, ServiceWatch } from '@ecs/transport';

/** A command that waits longer than this is left to the agent's next resync and the task deadline. */
const COMMAND_TIMEOUT_MS = 5_000;
/** Commands are level-triggered intents (ensure/remove by id, reboots by generation): repeating one is harmless. */
const COMMAND_RETRY_BUDGET_MS = 2_000;

/**
 * Finds each host's agent at the address it registered in ZooKeeper and sends it fenced commands
 * over HTTP with the internal token. A host without a live registration has no client: the
 * commander logs it and the durable task's deadline settles the operation.
 */
export class HttpHostAgents implements HostAgentDirectory {
  private readonly clients = new Map<string, { address: string; client: HostAgentClient }>();

  private constructor(
    private readonly hosts: ServiceWatch<HostRegistration>,
    private readonly token: string,
  ) {}

  static async start(coordinator: Pick<Coordinator, 'watch'>, token: string): Promise<HttpHostAgents> {
    return new HttpHostAgents(await ServiceWatch.start<HostRegistration>(coordinator, SERVICE_GROUPS.hosts), token);
  }

  clientFor(hostId: string): HostAgentClient | undefined {
    const registration = this.hosts.members().find((m) => m.id === hostId)?.data;
    if (!registration) return undefined;
    const known = this.clients.get(hostId);
    if (known?.address === registration.address) return known.client;
    const http = new InternalClient({ service: `host agent ${hostId}`, token: this.token, endpoints: fixedEndpoint(registration.address), timeoutMs: COMMAND_TIMEOUT_MS, retryBudgetMs: COMMAND_RETRY_BUDGET_MS });
    const client: HostAgentClient = { send: (command: HostCommand) => http.post<void>(HOST_COMMAND_ROUTE, command, { idempotent: true }) };
    this.clients.set(hostId, { address: registration.address, client });
    return client;
  }

  close(): void {
    this.hosts.close();
  }
}
