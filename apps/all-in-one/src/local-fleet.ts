import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConsoleOutput, DesiredStateSource, HostAgentClient, HostAgentDirectory, HostRegistration } from '@ecs/contracts';
import type { Coordinator } from '@ecs/coordination';
import type { EventBus } from '@ecs/events';
import { DomainNotFoundError, type HypervisorDriver } from '@ecs/hypervisor';
import type { LedgerRepository } from '@ecs/persistence';
import { GENERAL_HOST_CLASS } from '@ecs/persistence';
import type { HostConsoles, HostDiskExports, ReleasableDisk } from '../../control/src';
import { HostAgent } from '../../host-agent/src';
import { HttpImageCache } from '../../image-center/src';
import { exportDirOf, hostMachine, type FleetHypervisor, type GuestMetadataSockets, type HostMachine } from './host-machines';

export interface LocalFleetOptions {
  readonly hosts: number;
  readonly zoneIds: readonly string[];
  readonly hostVcpus: number;
  readonly hostMemoryMiB: number;
  readonly hostDiskGiB: number;
  readonly resyncIntervalMs: number;
  readonly hypervisor: FleetHypervisor;
  /** Each host keeps the images it pulled in `<imageCacheDir>/<hostId>`, as separate machines would. */
  readonly imageCacheDir: string;
}

export interface LocalFleetDeps {
  readonly events: EventBus;
  readonly coordinator: Coordinator;
  readonly desiredState: DesiredStateSource;
  readonly ledger: LedgerRepository;
  /** The image center's blob endpoint, which hosts pull images from. */
  readonly imageBlobs: { readonly blobUrl: string; readonly blobToken: string };
  /** The host's metaserver (one serves every local host). */
  readonly metadata: GuestMetadataSockets & { reconcile(instanceIds: Iterable<string>): Promise<void> };
}

export interface LocalHost {
  readonly registration: HostRegistration;
  /** What the host's agent drives. */
  readonly driver: HypervisorDriver;
  readonly imageCache: HttpImageCache;
  readonly machine: HostMachine;
  agent: HostAgent;
}

/**
 * The all-in-one's hypervisor hosts, each with its own agent and image cache, spread round-robin
 * over the zones; guests are simulated or real QEMU processes, as ECS_HYPERVISOR says.
 */
export class LocalFleet implements HostAgentDirectory, HostConsoles, HostDiskExports {
  readonly hosts: LocalHost[] = [];

  constructor(
    private readonly options: LocalFleetOptions,
    private readonly deps: LocalFleetDeps,
  ) {}

  clientFor(hostId: string): HostAgentClient | undefined {
    return this.hosts.find((h) => h.registration.hostId === hostId)?.agent;
  }

  async consoleOutput(hostId: string, instanceId: string): Promise<ConsoleOutput | undefined> {
    const host = this.hosts.find((h) => h.registration.hostId === hostId);
    if (!host) return undefined;
    try {
      // Neither driver stamps console bytes, so the read's own time stands in (as the port allows).
      return { output: await host.driver.consoleOutput(instanceId), lastUpdateTime: new Date().toISOString() };
    } catch (error) {
      if (error instanceof DomainNotFoundError) return undefined;
      throw error;
    }
  }

  exportDisk(hostId: string, instanceId: string): Promise<ReleasableDisk> {
    return this.host(hostId).machine.exportDisk(instanceId);
  }

  /** Puts every host in the ledger (keeping usage across restarts), attaches its guests' metadata and starts its agent. */
  async start(): Promise<void> {
    const { options, deps } = this;
    const { hypervisor } = options;
    // Exports are read once and released; what a crash left halfway is of no use to anyone.
    if (hypervisor.kind === 'qemu') await rm(exportDirOf(hypervisor), { recursive: true, force: true });
    for (let n = 0; n < options.hosts; n++) {
      const zoneId = options.zoneIds[n % options.zoneIds.length];
      const hostId = `${hypervisor.kind}-${zoneId}-${String(Math.floor(n / options.zoneIds.length) + 1).padStart(3, '0')}`;
      const imageCache = new HttpImageCache({ blobUrl: deps.imageBlobs.blobUrl, token: deps.imageBlobs.blobToken, cacheDir: join(options.imageCacheDir, hostId) });
      await imageCache.open();
      const registration: HostRegistration = {
        hostId,
        zoneId,
        address: 'in-process',
        vcpus: options.hostVcpus,
        memoryMiB: options.hostMemoryMiB,
        diskGiB: options.hostDiskGiB,
        hostClass: GENERAL_HOST_CLASS,
        rack: `${zoneId}-rack-${(n % 4) + 1}`,
        cachedImageIds: await imageCache.cachedImageIds(),
      };
      await deps.ledger.upsertHost({ ...registration, cpuAllocationRatio: 1, memoryAllocationRatio: 1 });
      const machine = hostMachine(hypervisor, {
        hostId,
        capacity: { vcpus: options.hostVcpus, memoryMiB: options.hostMemoryMiB, diskGiB: options.hostDiskGiB },
        imageCache,
        metadata: deps.metadata,
      });
      this.hosts.push({ registration, driver: machine.driver, imageCache, machine, agent: this.newAgent(registration, machine, imageCache) });
    }
    if (hypervisor.kind === 'qemu') await this.attachGuestMetadata();
    await Promise.all(this.hosts.map((h) => h.agent.start()));
  }

  /** A fresh agent process for a host whose agent crashed; the hypervisor kept its domains. */
  async restartAgent(hostId: string): Promise<void> {
    const host = this.host(hostId);
    host.agent = this.newAgent(host.registration, host.machine, host.imageCache);
    await host.agent.start();
  }

  /** Agents stop and let go of their guests, which keep running (a later start re-attaches to them). */
  async stop(): Promise<void> {
    await Promise.all(this.hosts.map((h) => h.agent.stop()));
    await Promise.all(this.hosts.map((h) => h.machine.close()));
  }

  /**
   * Guests left running by an earlier start are re-attached by their drivers; their metadata sockets
   * went with the earlier process, so every defined domain gets its socket back before agents act.
   */
  private async attachGuestMetadata(): Promise<void> {
    const defined: string[] = [];
    for (const host of this.hosts) for (const domain of await host.driver.listDomains()) defined.push(domain.instanceId);
    await this.deps.metadata.reconcile(defined);
  }

  private host(hostId: string): LocalHost {
    const host = this.hosts.find((h) => h.registration.hostId === hostId);
    if (!host) throw new Error(`no local host ${hostId}`);
    return host;
  }

  private newAgent(registration: HostRegistration, machine: HostMachine, imageCache: HttpImageCache): HostAgent {
    return new HostAgent(registration, machine.driver, this.deps.events, this.deps.desiredState, this.deps.coordinator, {
      resyncIntervalMs: this.options.resyncIntervalMs,
      shutdownTimeoutMs: machine.shutdownTimeoutMs,
      imageCache,
    });
  }
}
