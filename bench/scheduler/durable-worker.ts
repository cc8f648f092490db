import { HostEntity, LedgerRepository, type Database } from '@ecs/persistence';
import { HostIndex, Scheduler, type HostState, type PlacementRequest, type SchedulerConfig } from '@ecs/scheduler';

/** Placements that lost every candidate to races are placed again from the updated index, this often. */
const PLACEMENT_ATTEMPTS = 4;

/** Thrown inside the claim transaction so that it rolls back; carries the host as the ledger has it. */
class CandidateLost extends Error {
  constructor(readonly row: HostEntity) {
    super(`claim on ${row.hostId} lost`);
  }
}

/**
 * One placer, as a control replica would run it: its own host index loaded from the ledger, its
 * own database pool, several launches in flight. A placement is taken into the index at once (so
 * the next decision sees it) and claimed in the database; a lost claim reads that host's row in the
 * failed transaction, puts the truth into the index, and tries the next candidate.
 */
export class DurableWorker {
  decisions = 0;
  failures = 0;
  lostClaims = 0;
  private readonly ledger: LedgerRepository;
  private readonly scheduler: Scheduler;
  private readonly index = new HostIndex();
  private readonly generations = new Map<string, number>();
  private readonly claiming = new Set<string>();
  private instances = 0;

  private constructor(
    private readonly id: number,
    config: SchedulerConfig,
    private readonly db: Database,
    /** Liveness, builds and cached images: what control learns from agent registrations, not the ledger. */
    private readonly registrations: ReadonlyMap<string, HostState>,
  ) {
    this.ledger = new LedgerRepository(db);
    this.scheduler = new Scheduler(config);
  }

  static async start(id: number, config: SchedulerConfig, db: Database, registrations: ReadonlyMap<string, HostState>): Promise<DurableWorker> {
    const worker = new DurableWorker(id, config, db, registrations);
    for (const row of await worker.ledger.hosts()) worker.learn(row);
    return worker;
  }

  async run(requests: readonly PlacementRequest[], inFlight: number): Promise<void> {
    let next = 0;
    const lane = async () => {
      while (next < requests.length) await this.placeOne(requests[next++]);
    };
    await Promise.all(Array.from({ length: inFlight }, lane));
  }

  private async placeOne(request: PlacementRequest): Promise<void> {
    for (let attempt = 0; attempt < PLACEMENT_ATTEMPTS; attempt++) {
      const decision = this.scheduler.placeIndexed(request, this.index);
      if (!decision.ok) break;
      for (const candidate of decision.candidates) {
        // One claim per host at a time from this worker: a second would race its own generation.
        if (this.claiming.has(candidate.hostId)) continue;
        if (await this.claim(candidate.hostId, request)) {
          this.decisions++;
          return;
        }
      }
    }
    this.failures++;
  }

  private async claim(hostId: string, request: PlacementRequest): Promise<boolean> {
    const expectedGeneration = this.generations.get(hostId)!;
    this.claiming.add(hostId);
    this.index.claim(hostId, request);
    const instanceId = `i-w${this.id}-${this.instances++}`;
    try {
      await this.db.transaction(async (tx) => {
        const claimed = await this.ledger.claim(tx, { hostId, expectedGeneration, instanceId, accountId: request.accountId, vcpus: request.vcpus, memoryMiB: request.memoryMiB, diskGiB: request.diskGiB, deploymentSetId: null });
        // Read what changed on the same connection, before giving the transaction up.
        if (!claimed) throw new CandidateLost(await tx.findOneByOrFail(HostEntity, { hostId }));
      });
      this.generations.set(hostId, expectedGeneration + 1);
      return true;
    } catch (error) {
      if (!(error instanceof CandidateLost)) throw error;
      this.lostClaims++;
      this.learn(error.row);
      return false;
    } finally {
      this.claiming.delete(hostId);
    }
  }

  private learn(row: HostEntity): void {
    const registration = this.registrations.get(row.hostId)!;
    this.generations.set(row.hostId, row.generation);
    this.index.upsert({
      hostId: row.hostId,
      zoneId: row.zoneId,
      rack: row.rack,
      hostClass: row.hostClass,
      enabled: row.enabled,
      alive: registration.alive,
      vcpus: row.vcpus,
      memoryMiB: row.memoryMiB,
      diskGiB: row.diskGiB,
      usedVcpus: row.usedVcpus,
      usedMemoryMiB: row.usedMemoryMiB,
      usedDiskGiB: row.usedDiskGiB,
      cpuAllocationRatio: row.cpuAllocationRatio,
      memoryAllocationRatio: row.memoryAllocationRatio,
      activeBuilds: registration.activeBuilds,
      cachedImageIds: registration.cachedImageIds,
    });
  }
}
