import type { HostRegistration } from '@ecs/contracts';
import type { Coordinator } from '@ecs/coordination';
import { createLogger } from '@ecs/observability';
import type { HostEntity, LedgerRepository } from '@ecs/persistence';
import { HostIndex, type HostState } from '@ecs/scheduler';

const log = createLogger('control.fleet');

/** A host as the scheduler ranks it, with the ledger generation a claim must still find. */
export type FleetHost = HostState & { readonly generation: number };

/**
 * What the scheduler sees: ledger rows (capacity, usage, generation) joined with liveness from the
 * coordinator's ephemeral host registrations and control's own count of builds in flight, kept in a
 * HostIndex so a decision visits only hosts that can fit. The index may lag the ledger (another
 * replica's claims): a claim still re-checks everything in the database, a lost claim refreshes that
 * host, a refusal refreshes everything before it is believed, and a periodic refresh bounds the lag.
 */
export class FleetView {
  readonly index = new HostIndex<FleetHost>();
  private readonly rows = new Map<string, HostEntity>();
  private registrations = new Map<string, HostRegistration>();
  private readonly builds = new Map<string, number>();
  private watch: { close(): void } | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ledger: LedgerRepository,
    private readonly coordinator: Coordinator,
    private readonly refreshIntervalMs: number,
  ) {}

  async start(): Promise<void> {
    this.watch = await this.coordinator.watch<HostRegistration>('hosts', (members) => {
      this.registrations = new Map(members.map((m) => [m.id, m.data]));
      for (const row of this.rows.values()) this.index.upsert(this.toState(row));
      // A host that registers before this view has read its ledger row (a fresh fleet) is read now.
      for (const member of members) {
        if (!this.rows.has(member.id)) void this.refreshHost(member.id).catch((error: unknown) => log.warn('host refresh failed', { hostId: member.id, error }));
      }
    });
    this.registrations = new Map((await this.coordinator.members<HostRegistration>('hosts')).map((m) => [m.id, m.data]));
    await this.refreshAll();
    this.timer = setInterval(() => void this.refreshAll().catch((error: unknown) => log.warn('fleet refresh failed', { error })), this.refreshIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    this.watch?.close();
    if (this.timer) clearInterval(this.timer);
  }

  /** Re-reads every ledger row (hosts added or gone, other writers' claims and releases). */
  async refreshAll(): Promise<void> {
    const rows = await this.ledger.hosts();
    const seen = new Set<string>();
    for (const row of rows) {
      seen.add(row.hostId);
      this.apply(row);
    }
    for (const hostId of [...this.rows.keys()]) {
      if (seen.has(hostId)) continue;
      this.rows.delete(hostId);
      this.index.remove(hostId);
    }
  }

  /** Re-reads one host after this process claimed or released on it, or lost a claim there. */
  async refreshHost(hostId: string | null): Promise<void> {
    if (!hostId) return;
    const row = await this.ledger.host(hostId);
    if (row) this.apply(row);
  }

  hostStates(): FleetHost[] {
    return this.index.hosts();
  }

  isAlive(hostId: string): boolean {
    return this.registrations.has(hostId);
  }

  buildStarted(hostId: string): void {
    this.builds.set(hostId, (this.builds.get(hostId) ?? 0) + 1);
    this.reindex(hostId);
  }

  buildEnded(hostId: string): void {
    const n = (this.builds.get(hostId) ?? 0) - 1;
    if (n > 0) this.builds.set(hostId, n);
    else this.builds.delete(hostId);
    this.reindex(hostId);
  }

  private apply(row: HostEntity): void {
    const known = this.rows.get(row.hostId);
    // An older read finishing after a newer one must not move the index backwards.
    if (known && known.generation > row.generation) return;
    this.rows.set(row.hostId, row);
    this.index.upsert(this.toState(row));
  }

  private reindex(hostId: string): void {
    const row = this.rows.get(hostId);
    if (row) this.index.upsert(this.toState(row));
  }

  private toState(row: HostEntity): FleetHost {
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
