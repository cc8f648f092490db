import type { LedgerRepository } from '@ecs/persistence';
import type { HostLiveness } from './host-liveness';

export interface Usage {
  readonly capacity: number;
  readonly used: number;
}

export interface FleetHost {
  readonly hostId: string;
  readonly zoneId: string;
  readonly rack: string;
  readonly hostClass: string;
  readonly up: boolean;
  /** Schedulable: operators may drain a host by disabling it. */
  readonly enabled: boolean;
  /** Capacity is what the scheduler may hand out: physical × allocation ratio. */
  readonly vcpus: Usage;
  readonly memoryMiB: Usage;
  readonly diskGiB: Usage;
  readonly instances: number;
}

export interface FleetZone {
  readonly zoneId: string;
  readonly hostsUp: number;
  readonly hostsDown: number;
  readonly vcpus: Usage;
  readonly memoryMiB: Usage;
  readonly instances: number;
}

export interface FleetSnapshot {
  readonly zones: FleetZone[];
  readonly hosts: FleetHost[];
  /** The ops bastion's web terminal (`?host=HOST_ID`), when a bastion serves this fleet. */
  readonly terminalUrl: string | undefined;
}

/** Read-only fleet and stock view from the capacity ledger the scheduler claims from, plus liveness. */
export class FleetSnapshotQuery {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly liveness: HostLiveness,
    private readonly terminalUrl: string | undefined,
  ) {}

  async execute(): Promise<FleetSnapshot> {
    const [rows, allocations, live] = await Promise.all([this.ledger.hosts(), this.ledger.allAllocations(), this.liveness.liveHostIds()]);
    const perHost = new Map<string, number>();
    for (const a of allocations) perHost.set(a.hostId, (perHost.get(a.hostId) ?? 0) + 1);
    const hosts: FleetHost[] = rows.map((h) => ({
      hostId: h.hostId,
      zoneId: h.zoneId,
      rack: h.rack,
      hostClass: h.hostClass,
      up: live.has(h.hostId),
      enabled: h.enabled,
      vcpus: { capacity: Math.floor(h.vcpus * h.cpuAllocationRatio), used: h.usedVcpus },
      memoryMiB: { capacity: Math.floor(h.memoryMiB * h.memoryAllocationRatio), used: h.usedMemoryMiB },
      diskGiB: { capacity: h.diskGiB, used: h.usedDiskGiB },
      instances: perHost.get(h.hostId) ?? 0,
    }));
    return { zones: summariseZones(hosts), hosts, terminalUrl: this.terminalUrl };
  }
}

function summariseZones(hosts: readonly FleetHost[]): FleetZone[] {
  const zones = new Map<string, FleetHost[]>();
  for (const host of hosts) zones.set(host.zoneId, [...(zones.get(host.zoneId) ?? []), host]);
  const sum = (list: readonly FleetHost[], pick: (h: FleetHost) => Usage): Usage => ({
    capacity: list.reduce((n, h) => n + pick(h).capacity, 0),
    used: list.reduce((n, h) => n + pick(h).used, 0),
  });
  return [...zones.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([zoneId, list]) => ({
      zoneId,
      hostsUp: list.filter((h) => h.up).length,
      hostsDown: list.filter((h) => !h.up).length,
      vcpus: sum(list, (h) => h.vcpus),
      memoryMiB: sum(list, (h) => h.memoryMiB),
      instances: list.reduce((n, h) => n + h.instances, 0),
    }));
}
