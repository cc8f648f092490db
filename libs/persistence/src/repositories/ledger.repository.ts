import { In } from 'typeorm';
import type { Database } from '../database';
import { AccountEntity, AllocationEntity, HostEntity, InstanceEntity, IpAllocationEntity } from '../entities';
import type { Tx } from '../transaction';

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
  constructor(private readonly db: Database) {}

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
    return (await this.db.read((m) => m.findOneBy(HostEntity, { hostId }))) ?? undefined;
  }

  /** How many of the tenant's instances each rack holds: the fault-domain spread weigher's input. */
  async rackCountsOf(accountId: string): Promise<Map<string, number>> {
    const rows = await this.db.read((m) =>
      m
        .createQueryBuilder(AllocationEntity, 'a')
        .innerJoin(HostEntity, 'h', 'h.host_id = a.host_id')
        .select('h.rack', 'rack')
        .addSelect('COUNT(*)', 'n')
        .where('a.account_id = :accountId', { accountId })
        .groupBy('h.rack')
        .getRawMany<{ rack: string; n: string | number }>(),
    );
    return new Map(rows.map((r) => [r.rack, Number(r.n)]));
  }

  async setHostEnabled(hostId: string, enabled: boolean): Promise<boolean> {
    const result = await this.db.transaction((m) => m.update(HostEntity, { hostId }, { enabled }));
    return result.affected === 1;
  }

  /** Returns false when the host changed since it was read or no longer fits: try the next candidate. */
  async claim(tx: Tx, request: ClaimRequest): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(HostEntity)
      .set({
        usedVcpus: () => `used_vcpus + ${request.vcpus | 0}`,
        usedMemoryMiB: () => `used_memory_mib + ${request.memoryMiB | 0}`,
        usedDiskGiB: () => `used_disk_gib + ${request.diskGiB | 0}`,
        generation: () => 'generation + 1',
      })
      .where('host_id = :hostId AND generation = :generation AND enabled = :enabled', { hostId: request.hostId, generation: request.expectedGeneration, enabled: true })
      .andWhere('used_vcpus + :vcpus <= vcpus * cpu_allocation_ratio', { vcpus: request.vcpus })
      .andWhere('used_memory_mib + :memoryMiB <= memory_mib * memory_allocation_ratio', { memoryMiB: request.memoryMiB })
      .andWhere('used_disk_gib + :diskGiB <= disk_gib', { diskGiB: request.diskGiB })
      .execute();
    if (result.affected !== 1) return false;
    await tx.insert(AllocationEntity, {
      instanceId: request.instanceId,
      hostId: request.hostId,
      accountId: request.accountId,
      vcpus: request.vcpus,
      memoryMiB: request.memoryMiB,
      diskGiB: request.diskGiB,
      deploymentSetId: request.deploymentSetId,
    });
    return true;
  }

  /** Gives an instance's capacity and private IP back. Idempotent: releasing twice changes nothing. */
  async release(tx: Tx, instanceId: string): Promise<void> {
    await tx.delete(IpAllocationEntity, { instanceId });
    await this.releaseCapacity(tx, instanceId);
  }

  /** Gives back only the capacity (a resize re-claims it at the new size, keeping the IP). */
  async releaseCapacity(tx: Tx, instanceId: string): Promise<void> {
    const allocation = await tx.findOneBy(AllocationEntity, { instanceId });
    if (!allocation) return;
    await tx.delete(AllocationEntity, { instanceId });
    await tx
      .createQueryBuilder()
      .update(HostEntity)
      .set({
        usedVcpus: () => `used_vcpus - ${allocation.vcpus | 0}`,
        usedMemoryMiB: () => `used_memory_mib - ${allocation.memoryMiB | 0}`,
        usedDiskGiB: () => `used_disk_gib - ${allocation.diskGiB | 0}`,
        generation: () => 'generation + 1',
      })
      .where('host_id = :hostId', { hostId: allocation.hostId })
      .execute();
  }

  /** Takes a free IP of the zone's subnet for the instance; the primary key makes a race impossible. */
  async takePrivateIp(tx: Tx, zoneId: string, instanceId: string, candidates: readonly string[]): Promise<string | undefined> {
    if (!candidates.length) return undefined;
    const taken = new Set((await tx.findBy(IpAllocationEntity, { zoneId, ip: In([...candidates]) })).map((r) => r.ip));
    const free = candidates.find((ip) => !taken.has(ip));
    if (!free) return undefined;
    await tx.insert(IpAllocationEntity, { zoneId, ip: free, instanceId });
    return free;
  }

  /**
   * Serialises one account's claims: the row lock taken here (an UPDATE that changes nothing still
   * locks) is held until the transaction ends, so two claims cannot both pass the same quota check.
   * SQLite serialises every transaction anyway.
   */
  async lockAccount(tx: Tx, accountId: string): Promise<void> {
    await tx.createQueryBuilder().update(AccountEntity).set({ accountId }).where('account_id = :accountId', { accountId }).execute();
  }

  /** An account's usage in a region, summed from the ledger itself: it cannot drift from the claims. */
  async usageOf(accountId: string, regionId: string, tx?: Tx): Promise<{ vcpus: number; instances: number }> {
    const run = async (m: Tx) => {
      const row = await m
        .createQueryBuilder(AllocationEntity, 'a')
        .innerJoin(InstanceEntity, 'i', 'i.instance_id = a.instance_id')
        .select('COUNT(*)', 'instances')
        .addSelect('COALESCE(SUM(a.vcpus), 0)', 'vcpus')
        .where('a.account_id = :accountId AND i.region_id = :regionId', { accountId, regionId })
        .getRawOne<{ instances: string | number; vcpus: string | number }>();
      return { vcpus: Number(row?.vcpus ?? 0), instances: Number(row?.instances ?? 0) };
    };
    return tx ? run(tx) : this.db.read(run);
  }

  /** The host row as this transaction sees it (its generation for a claim in the same transaction). */
  async hostIn(tx: Tx, hostId: string): Promise<HostEntity | undefined> {
    return (await tx.findOneBy(HostEntity, { hostId })) ?? undefined;
  }

  async allocationsOn(hostId: string): Promise<AllocationEntity[]> {
    return this.db.read((m) => m.findBy(AllocationEntity, { hostId }));
  }

  async allAllocations(): Promise<AllocationEntity[]> {
    return this.db.read((m) => m.find(AllocationEntity));
  }
}
