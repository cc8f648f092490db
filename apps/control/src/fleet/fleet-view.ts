import type { HostRegistration } from '@ecs/contracts';
import type { Coordinator } from '@ecs/coordination';
import type { HostEntity, LedgerRepository } from '@ecs/persistence';
import type { HostState } from '@ecs/scheduler';

/**
 * What the scheduler sees: ledger rows (capacity, usage, generation) joined with liveness from the
 * coordinator's ephemeral host registrations and control's own count of builds in flight.
 */
export class FleetView {
  private registrations = new Map<string, HostRegistration>();
  private readonly builds = new Map<string, number>();
  private watch: { close(): void } | undefined;

  constructor(
    private readonly ledger: LedgerRepository,
    private readonly coordinator: Coordinator,
  ) {}

  async start(): Promise<void> {
    this.watch = await this.coordinator.watch<HostRegistration>('hosts', (members) => {
      this.registrations = new Map(members.map((m) => [m.id, m.data]));
    });
    const members = await this.coordinator.members<HostRegistration>('hosts');
    this.registrations = new Map(members.map((m) => [m.id, m.data]));
  }

  stop(): void {
    this.watch?.close();
  }

  isAlive(hostId: string): boolean {
    return this.registrations.has(hostId);
  }

  registration(hostId: string): HostRegistration | undefined {
    return this.registrations.get(hostId);
  }

  buildStarted(hostId: string): void {
    this.builds.set(hostId, (this.builds.get(hostId) ?? 0) + 1);
  }

  buildEnded(hostId: string): void {
    const n = (this.builds.get(hostId) ?? 0) - 1;
    if (n > 0) this.builds.set(hostId, n);
    else this.builds.delete(hostId);
  }

  async hostStates(): Promise<HostState[]> {
    return (await this.ledger.hosts()).map((row) => this.toState(row));
  }

  toState(row: HostEntity & { generation: number }): HostState & { generation: number } {
    const registration = this.registrations.get(row.hostId);
    return {
      hostId: row.hostId,
      zoneId: row.zoneId,
      rack: row.rack,
      hostClass: row.hostClass,
      enabled: row.enabled,
      alive: registration !== undefined,
      vcpus: row.vcpus,
      memoryMiB: row.memoryMiB,
      diskGiB: row.diskGiB,
      usedVcpus: row.usedVcpus,
      usedMemoryMiB: row.usedMemoryMiB,
      usedDiskGiB: row.usedDiskGiB,
      cpuAllocationRatio: row.cpuAllocationRatio,
      memoryAllocationRatio: row.memoryAllocationRatio,
      activeBuilds: this.builds.get(row.hostId) ?? 0,
      cachedImageIds: new Set(registration?.cachedImageIds ?? []),
      generation: row.generation,
    };
  }
}
