import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createConnection } from 'mysql2/promise';
import { AllocationEntity, Database, HostEntity, LedgerRepository } from '@ecs/persistence';
import type { HostState, PlacementRequest, SchedulerConfig } from '@ecs/scheduler';
import { DurableWorker } from './durable-worker';
import { generateFleet, generateRequests, type Fleet } from './fleet';

/** The local MariaDB the integration tests use; the benchmark works in a database of its own. */
const MARIADB = { host: '127.0.0.1', port: 3306, user: 'root', password: '' };
const INSERT_CHUNK = 1_000;

export interface DurableOptions {
  readonly hosts: number;
  readonly workers: number;
  readonly requestsPerWorker: number;
  /** Claims each worker keeps in flight: a control replica serves many launches at once. */
  readonly inFlightPerWorker: number;
}

export interface DurableResult {
  readonly hosts: number;
  readonly workers: number;
  readonly decisionsPerSec: number;
  readonly doubleBookings: number;
  readonly decisions: number;
  readonly failures: number;
  readonly lostClaims: number;
  readonly allocations: number;
  readonly expectedAllocations: number;
}

/**
 * Real claims on a real ledger: the fleet (part-filled, with its allocation rows) goes into a fresh
 * MariaDB database; each worker loads it into its own host index and places its requests with
 * indexed placement, claiming through `LedgerRepository.claim` in `Database.transaction` — the
 * control plane's claim path. Afterwards the ledger is read back and every host checked.
 */
export async function runDurable(config: SchedulerConfig, options: DurableOptions, progress: (line: string) => void): Promise<DurableResult> {
  const database = `ecs_bench_${randomBytes(6).toString('hex')}`;
  const admin = await createConnection(MARIADB);
  await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4`);
  const open = (poolSize: number, runMigrations: boolean) => Database.open({ kind: 'mysql', ...MARIADB, database, poolSize }, { runMigrations });
  const opened: Database[] = [];
  try {
    const setup = await open(4, true);
    opened.push(setup);
    const fleet = generateFleet(options.hosts, 23, { recordAllocations: true });
    await loadLedger(setup, fleet);
    progress(`durable: ${options.hosts} hosts and ${fleet.allocations.length} existing allocations in database ${database}`);
    const byId = new Map<string, HostState>(fleet.hosts.map((h) => [h.hostId, h]));
    const workers: DurableWorker[] = [];
    for (let w = 0; w < options.workers; w++) {
      const db = await open(options.inFlightPerWorker, false);
      opened.push(db);
      workers.push(await DurableWorker.start(w, config, db, byId));
    }
    const requests: PlacementRequest[][] = workers.map((_, w) => generateRequests(options.requestsPerWorker, fleet.hosts, 31 + w));
    const started = performance.now();
    await Promise.all(workers.map((worker, w) => worker.run(requests[w], options.inFlightPerWorker)));
    const seconds = (performance.now() - started) / 1000;
    const decisions = workers.reduce((sum, w) => sum + w.decisions, 0);
    const audit = await auditLedger(new LedgerRepository(setup));
    return {
      hosts: options.hosts,
      workers: options.workers,
      decisionsPerSec: decisions / seconds,
      doubleBookings: audit.doubleBookings,
      decisions,
      failures: workers.reduce((sum, w) => sum + w.failures, 0),
      lostClaims: workers.reduce((sum, w) => sum + w.lostClaims, 0),
      allocations: audit.allocations,
      expectedAllocations: fleet.allocations.length + decisions,
    };
  } finally {
    for (const db of opened) await db.close();
    await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await admin.end();
  }
}

/** Bulk rows instead of 10k `upsertHost` transactions: only the starting state, not what is measured. */
async function loadLedger(db: Database, fleet: Fleet): Promise<void> {
  const hosts = fleet.hosts.map((h) => ({
    hostId: h.hostId,
    zoneId: h.zoneId,
    rack: h.rack,
    hostClass: h.hostClass,
    vcpus: h.vcpus,
    memoryMiB: h.memoryMiB,
    diskGiB: h.diskGiB,
    cpuAllocationRatio: h.cpuAllocationRatio,
    memoryAllocationRatio: h.memoryAllocationRatio,
    usedVcpus: h.usedVcpus,
    usedMemoryMiB: h.usedMemoryMiB,
    usedDiskGiB: h.usedDiskGiB,
    enabled: h.enabled,
    generation: 0,
  }));
  const allocations = fleet.allocations.map((a, n) => ({ instanceId: `i-existing-${n}`, accountId: 'acct-existing', deploymentSetId: null, ...a }));
  for (let i = 0; i < hosts.length; i += INSERT_CHUNK) await db.transaction((m) => m.insert(HostEntity, hosts.slice(i, i + INSERT_CHUNK)));
  for (let i = 0; i < allocations.length; i += INSERT_CHUNK) await db.transaction((m) => m.insert(AllocationEntity, allocations.slice(i, i + INSERT_CHUNK)));
}

/** A double booking: a host over capacity × ratio, or whose usage is not the sum of its allocations. */
async function auditLedger(ledger: LedgerRepository): Promise<{ doubleBookings: number; allocations: number }> {
  const [hosts, allocations] = await Promise.all([ledger.hosts(), ledger.allAllocations()]);
  const sums = new Map<string, { vcpus: number; memoryMiB: number; diskGiB: number }>();
  for (const a of allocations) {
    const sum = sums.get(a.hostId) ?? { vcpus: 0, memoryMiB: 0, diskGiB: 0 };
    sum.vcpus += a.vcpus;
    sum.memoryMiB += a.memoryMiB;
    sum.diskGiB += a.diskGiB;
    sums.set(a.hostId, sum);
  }
  let doubleBookings = 0;
  for (const h of hosts) {
    const sum = sums.get(h.hostId) ?? { vcpus: 0, memoryMiB: 0, diskGiB: 0 };
    const overCapacity = h.usedVcpus > h.vcpus * h.cpuAllocationRatio || h.usedMemoryMiB > h.memoryMiB * h.memoryAllocationRatio || h.usedDiskGiB > h.diskGiB;
    const unaccounted = h.usedVcpus !== sum.vcpus || h.usedMemoryMiB !== sum.memoryMiB || h.usedDiskGiB !== sum.diskGiB;
    if (overCapacity || unaccounted) doubleBookings++;
  }
  return { doubleBookings, allocations: allocations.length };
}
