import {
  SERVICE_GROUPS,
  HOST_COMMAND_ROUTE,
  HOST_CONSOLE_ROUTE,
  HOST_DISK_ROUTE,
  type ConsoleOutput,
  type ConsoleOutputAnswer,
  type HostAgentClient,
  type HostAgentDirectory,
  type HostCommand,
  type HostRegistration,
  type InstanceRequest,
} from '@ecs/contracts';
import type { Coordinator } from '@ecs/coordination';
import { fixedEndpoint, InternalClient, ServiceWatch } from '@ecs/transport';
import { DiskNotExportableError, type HostDiskExports, type ReleasableDisk } from '../disk-export/instance-disk-export';
import type { HostConsoles } from '../metadata/instance-console-reader';

/** A command that waits longer than this is left to the agent's next resync and the task deadline. */
const COMMAND_TIMEOUT_MS = 5_000;
/** Commands are level-triggered intents (ensure/remove by id, reboots by generation): repeating one is harmless. */
const COMMAND_RETRY_BUDGET_MS = 2_000;
/** The host flattens the disk before its first byte; then the stream fails if it stalls this long. */
const DISK_EXPORT_TIMEOUT_MS = 5 * 60_000;

/**
 * Finds each host's agent at the address it registered in ZooKeeper and talks to it over HTTP
 * with the internal token: fenced commands, and reads of what only the host has (a guest's
 * console, a stopped guest's disk). A host without a live registration has no client: the
 * commander logs it and the durable task's deadline settles the operation; its consoles read as
 * empty and its disks cannot be exported.
 */
export class HttpHostAgents implements HostAgentDirectory, HostConsoles, HostDiskExports {
  private readonly clients = new Map<string, { address: string; http: InternalClient; client: HostAgentClient }>();

  private constructor(
    private readonly hosts: ServiceWatch<HostRegistration>,
    private readonly token: string,
  ) {}

  static async start(coordinator: Pick<Coordinator, 'watch'>, token: string): Promise<HttpHostAgents> {
    return new HttpHostAgents(await ServiceWatch.start<HostRegistration>(coordinator, SERVICE_GROUPS.hosts), token);
  }

  clientFor(hostId: string): HostAgentClient | undefined {
    return this.agent(hostId)?.client;
  }

  async consoleOutput(hostId: string, instanceId: string): Promise<ConsoleOutput | undefined> {
    const agent = this.agent(hostId);
    if (agent === undefined) return undefined;
    const request: InstanceRequest = { instanceId };
    const answer = await agent.http.post<ConsoleOutputAnswer>(HOST_CONSOLE_ROUTE, request, { idempotent: true });
    return answer.console ?? undefined;
  }

  async exportDisk(hostId: string, instanceId: string): Promise<ReleasableDisk> {
    const agent = this.agent(hostId);
    if (agent === undefined) throw new DiskNotExportableError(instanceId, `its host ${hostId} is not registered`);
    const request: InstanceRequest = { instanceId };
    // The agent removes its temporary export once the bytes are sent; nothing to release here.
    return { kind: 'stream', stream: await agent.http.postForStream(HOST_DISK_ROUTE, request, { idempotent: true, timeoutMs: DISK_EXPORT_TIMEOUT_MS }) };
  }

  close(): void {
    this.hosts.close();
  }

  private agent(hostId: string): { http: InternalClient; client: HostAgentClient } | undefined {
    const registration = this.hosts.members().find((m) => m.id === hostId)?.data;
    if (!registration) return undefined;
    const known = this.clients.get(hostId);
    if (known?.address === registration.address) return known;
    const http = new InternalClient({ service: `host agent ${hostId}`, token: this.token, endpoints: fixedEndpoint(registration.address), timeoutMs: COMMAND_TIMEOUT_MS, retryBudgetMs: COMMAND_RETRY_BUDGET_MS });
    const client: HostAgentClient = { send: (command: HostCommand) => http.post<void>(HOST_COMMAND_ROUTE, command, { idempotent: true }) };
    const agent = { address: registration.address, http, client };
    this.clients.set(hostId, agent);
    return agent;
  }
}
