import type { DesiredStateSource, HostAgentClient, HostAgentDirectory, HostRegistration } from '@ecs/contracts';
import type { Coordinator } from '@ecs/coordination';
import type { EventBus } from '@ecs/events';
import { SimDriver } from '@ecs/hypervisor';
import type { LedgerRepository } from '@ecs/persistence';
import { GENERAL_HOST_CLASS } from '@ecs/persistence';
import { HostAgent } from '../../host-agent/src';

export interface SimFleetOptions {
  readonly hosts: number;
  readonly zoneIds: readonly string[];
  readonly hostVcpus: number;
  readonly hostMemoryMiB: number;
  readonly hostDiskGiB: number;
  readonly bootMs: number;
  readonly shutdownMs: number;
  readonly resyncIntervalMs: number;
}

export interface SimHost {
  readonly registration: HostRegistration;
  readonly driver: SimDriver;
  agent: HostAgent;
}

/** Simulated hypervisor hosts, each with its own agent, spread round-robin over the zones. */
export class SimFleet implements HostAgentDirectory {
  readonly hosts: SimHost[] = [];

  constructor(
    private readonly options: SimFleetOptions,
    private readonly deps: { events: EventBus; coordinator: Coordinator; desiredState: DesiredStateSource; ledger: LedgerRepository },
  ) {}

  clientFor(hostId: string): HostAgentClient | undefined {
    return this.hosts.find((h) => h.registration.hostId === hostId)?.agent;
  }

  /** Puts every host in the ledger (keeping usage across restarts) and starts its agent. */
  async start(): Promise<void> {
    const { options } = this;
    for (let n = 0; n < options.hosts; n++) {
      const zoneId = options.zoneIds[n % options.zoneIds.length];
      const registration: HostRegistration = {
        hostId: `sim-${zoneId}-${String(Math.floor(n / options.zoneIds.length) + 1).padStart(3, '0')}`,
        zoneId,
        address: 'in-process',
        vcpus: options.hostVcpus,
        memoryMiB: options.hostMemoryMiB,
        diskGiB: options.hostDiskGiB,
        hostClass: GENERAL_HOST_CLASS,
        rack: `${zoneId}-rack-${(n % 4) + 1}`,
        cachedImageIds: [],
      };
      await this.deps.ledger.upsertHost({ ...registration, cpuAllocationRatio: 1, memoryAllocationRatio: 1 });
      const driver = new SimDriver({
        hostName: registration.hostId,
        capacity: { vcpus: options.hostVcpus, memoryMiB: options.hostMemoryMiB, diskGiB: options.hostDiskGiB },
        bootMs: options.bootMs,
        guestShutdownMs: options.shutdownMs,
      });
      const host: SimHost = { registration, driver, agent: this.newAgent(registration, driver) };
      this.hosts.push(host);
    }
    await Promise.all(this.hosts.map((h) => h.agent.start()));
  }

  /** A fresh agent process for a host whose agent crashed; the hypervisor kept its domains. */
  async restartAgent(hostId: string): Promise<void> {
    const host = this.hosts.find((h) => h.registration.hostId === hostId);
    if (!host) throw new Error(`no sim host ${hostId}`);
    host.agent = this.newAgent(host.registration, host.driver);
    await host.agent.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.hosts.map((h) => h.agent.stop()));
  }

  private newAgent(registration: HostRegistration, driver: SimDriver): HostAgent {
    return new HostAgent(registration, driver, this.deps.events, this.deps.desiredState, this.deps.coordinator, {
      resyncIntervalMs: this.options.resyncIntervalMs,
      shutdownTimeoutMs: Math.max(5_000, this.options.shutdownMs * 4),
    });
  }
}
