import type { Database } from '../database';
import { AllocationEntity, HostEntity } from '../entities';
import type { Tx } from '../transaction';
import { execute, RowCodec } from './row-codec';

export interface HostSpec {
  readonly hostId: string;
  readonly zoneId: string;
  readonly rack: string;
  readonly hostClass: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly diskGiB: number;
  readonly cpuAllocationRatio: number;
  readonly memoryAllocationRatio: number;
}

export interface ClaimRequest {
  readonly hostId: string;
  readonly expectedGeneration: number;
  readonly instanceId: string;
  readonly accountId: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly diskGiB: number;
  readonly deploymentSetId: string | null;
}

/**
 * The capacity ledger: hosts and the allocations that use them. A claim is one conditional UPDATE
 * on the host row — generation unchanged AND the new usage still within capacity × ratio — plus
 * the allocation row, in the caller's transaction. Whatever the scheduler believed, the database
 * has the last word, so two placers can never overfill a host.
 */
export class LedgerRepository {
  // Every launch and deletion runs the claim, release, IP and usage statements: hand-written SQL (see RowCodec).
  private readonly hostRows: RowCodec<HostEntity>;
  private readonly allocationRows: RowCodec<AllocationEntity>;

  constructor(private readonly db: Database) {
    this.hostRows = new RowCodec(db.dataSource, HostEntity);
    this.allocationRows = new RowCodec(db.dataSource, AllocationEntity);
  }

  /** Adds a host, or refreshes its shape keeping its usage (an agent re-registering after a restart). */
  async upsertHost(given: HostSpec): Promise<void> {
    const spec: HostSpec = {
      hostId: given.hostId,
      zoneId: given.zoneId,
      rack: given.rack,
      hostClass: given.hostClass,
      vcpus: given.vcpus,
      memoryMiB: given.memoryMiB,
      diskGiB: given.diskGiB,
      cpuAllocationRatio: given.cpuAllocationRatio,
      memoryAllocationRatio: given.memoryAllocationRatio,
    };
    await this.db.transaction(async (m) => {
      const existing = await m.findOneBy(HostEntity, { hostId: spec.hostId });
      if (!existing) {
        await m.insert(HostEntity, { ...spec, usedVcpus: 0, usedMemoryMiB: 0, usedDiskGiB: 0, enabled: true, generation: 0 });
      } else {
        await m.update(HostEntity, { hostId: spec.hostId }, { ...spec, generation: existing.generation + 1 });
      }
    });
  }

  async hosts(zoneId?: string): Promise<HostEntity[]> {
    return this.db.read((m) => m.find(HostEntity, { where: zoneId ? { zoneId } : {}, order: { hostId: 'ASC' } }));
  }

  async host(hostId: string): Promise<HostEntity | undefined> {
    return this.db.read((m) => this.hostRows.selectOne(m, 'host_id = ?', [hostId]));
  }

  /** How many of the tenant's instances each rack holds: the fault-domain spread weigher's input. */
  async rackCountsOf(accountId: string): Promise<Map<string, number>> {
    const rows = await this.db.read((m) =>
      m.query<{ rack: string; n: string | number }[]>('SELECT h.rack AS rack, COUNT(*) AS n FROM allocations a INNER JOIN hosts h ON h.host_id = a.host_id WHERE a.account_id = ? GROUP BY h.rack', [accountId]),
    );
    return new Map(rows.map((r) => [r.rack, Number(r.n)]));
  }

  async setHostEnabled(hostId: string, enabled: boolean): Promise<boolean> {
    const result = await this.db.transaction((m) => m.update(HostEntity, { hostId }, { enabled }));
    return result.affected === 1;
  }

  /** Returns false when the host changed since it was read or no longer fits: try the next candidate. */
  async claim(tx: Tx, request: ClaimRequest): Promise<boolean> {
    const { vcpus, memoryMiB, diskGiB } = request;
    const claimed = await execute(
      tx,
      'UPDATE hosts SET used_vcpus = used_vcpus + ?, used_memory_mib = used_memory_mib + ?, used_disk_gib = used_disk_gib + ?, generation = generation + 1 ' +
        'WHERE host_id = ? AND generation = ? AND enabled = 1 ' +
        'AND used_vcpus + ? <= vcpus * cpu_allocation_ratio AND used_memory_mib + ? <= memory_mib * memory_allocation_ratio AND used_disk_gib + ? <= disk_gib',
      [vcpus, memoryMiB, diskGiB, request.hostId, request.expectedGeneration, vcpus, memoryMiB, diskGiB],
    );
    if (claimed !== 1) return false;
    await this.allocationRows.insert(
      tx,
      Object.assign(new AllocationEntity(), { instanceId: request.instanceId, hostId: request.hostId, accountId: request.accountId, vcpus, memoryMiB, diskGiB, deploymentSetId: request.deploymentSetId }),
    );
    return true;
  }

  /** Gives an instance's capacity and private IP back. Idempotent: releasing twice changes nothing. */
  async release(tx: Tx, instanceId: string): Promise<void> {
    await execute(tx, 'DELETE FROM ip_allocations WHERE instance_id = ?', [instanceId]);
    await this.releaseCapacity(tx, instanceId);
  }

  /** Gives back only the capacity (a resize re-claims it at the new size, keeping the IP). */
  async releaseCapacity(tx: Tx, instanceId: string): Promise<void> {
    const allocation = await this.allocationRows.selectOne(tx, 'instance_id = ?', [instanceId]);
    if (!allocation) return;
    await execute(tx, 'DELETE FROM allocations WHERE instance_id = ?', [instanceId]);
    await execute(tx, 'UPDATE hosts SET used_vcpus = used_vcpus - ?, used_memory_mib = used_memory_mib - ?, used_disk_gib = used_disk_gib - ?, generation = generation + 1 WHERE host_id = ?', [
      allocation.vcpus,
      allocation.memoryMiB,
      allocation.diskGiB,
      allocation.hostId,
    ]);
  }

  /** Takes a free IP of the zone's subnet for the instance; the primary key makes a race impossible. */
  async takePrivateIp(tx: Tx, zoneId: string, instanceId: string, candidates: readonly string[]): Promise<string | undefined> {
    if (!candidates.length) return undefined;
    const rows = await tx.query<{ ip: string }[]>(`SELECT ip FROM ip_allocations WHERE zone_id = ? AND ip IN (${candidates.map(() => '?').join(', ')})`, [zoneId, ...candidates]);
    const taken = new Set(rows.map((r) => r.ip));
    const free = candidates.find((ip) => !taken.has(ip));
    if (!free) return undefined;
    await execute(tx, 'INSERT INTO ip_allocations (zone_id, ip, instance_id) VALUES (?, ?, ?)', [zoneId, free, instanceId]);
    return free;
  }

  /**
   * Serialises one account's claims: the row lock taken here (an UPDATE that changes nothing still
   * locks) is held until the transaction ends, so two claims cannot both pass the same quota check.
   * SQLite serialises every transaction anyway.
   */
  async lockAccount(tx: Tx, accountId: string): Promise<void> {
    await execute(tx, 'UPDATE accounts SET account_id = ? WHERE account_id = ?', [accountId, accountId]);
  }

  /** An account's usage in a region, summed from the ledger itself: it cannot drift from the claims. */
  async usageOf(accountId: string, regionId: string, tx?: Tx): Promise<{ vcpus: number; instances: number }> {
    const run = async (m: Tx) => {
      const [row] = await m.query<{ instances: string | number; vcpus: string | number }[]>(
        'SELECT COUNT(*) AS instances, COALESCE(SUM(a.vcpus), 0) AS vcpus FROM allocations a INNER JOIN instances i ON i.instance_id = a.instance_id WHERE a.account_id = ? AND i.region_id = ?',
        [accountId, regionId],
      );
      return { vcpus: Number(row?.vcpus ?? 0), instances: Number(row?.instances ?? 0) };
    };
    return tx ? run(tx) : this.db.read(run);
  }

  /** The host row as this transaction sees it (its generation for a claim in the same transaction). */
  async hostIn(tx: Tx, hostId: string): Promise<HostEntity | undefined> {
    return this.hostRows.selectOne(tx, 'host_id = ?', [hostId]);
  }

  async allocationsOn(hostId: string): Promise<AllocationEntity[]> {
    return this.db.read((m) => m.findBy(AllocationEntity, { hostId }));
  }

  async allAllocations(): Promise<AllocationEntity[]> {
    return this.db.read((m) => m.find(AllocationEntity));
  }
}
