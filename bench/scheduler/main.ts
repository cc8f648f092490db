import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSchedulerConfig } from '@ecs/scheduler';
import { round } from '../support/stats';
import { BestFitBaseline } from './baseline';
import { heapPerHost, runBaseline, runCore, runExact, type RunResult } from './core';
import { runDurable, type DurableResult } from './durable';
import { generateFleet, generateRequests } from './fleet';
import { packTrace, PACKING_HOST, type PackingResult } from './packing';
import { readTrace } from './trace';
import { UsageError } from './usage-error';

/**
 * `npm run bench:scheduler -- [--hosts 1000,10000,100000] [--trace FILE] [--json] [--only core,durable,packing]`
 * The placement core against a bare typed-array best-fit scan over the same hosts and requests,
 * indexed placement claiming on MariaDB from two workers, and packing quality on CSV traces.
 */
const ROOT = join(__dirname, '..', '..', '..');
const BUNDLED_TRACES = join(ROOT, 'bench', 'scheduler', 'traces');
const SECTIONS = ['core', 'durable', 'packing'] as const;
type Section = (typeof SECTIONS)[number];
const ROUNDS = 3;
const MAX_REQUESTS = 10_000;
const DURABLE = { hosts: 10_000, workers: 2, requestsPerWorker: 3_000, inFlightPerWorker: 8 };

interface Options {
  readonly hosts: number[];
  readonly traces: string[];
  readonly json: boolean;
  readonly sections: ReadonlySet<Section>;
}

interface CoreResult {
  readonly hosts: number;
  readonly decisionsPerSec: number;
  readonly baselineDecisionsPerSec: number;
  readonly heapBytesPerHost: number;
  readonly exactDecisionsPerSec: number;
  readonly indexBytesPerHost: number;
  readonly baselineBytesPerHost: number;
  readonly failures: number;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (flag: string) => {
    const at = argv.indexOf(flag);
    if (at < 0) return undefined;
    const given = argv[at + 1];
    if (given === undefined || given.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return given;
  };
  const hosts = (value('--hosts') ?? '1000,10000,100000').split(',').map(Number);
  if (hosts.some((n) => !Number.isInteger(n) || n < 1)) throw new UsageError('--hosts takes positive whole numbers, e.g. 1000,10000');
  const trace = value('--trace');
  const only = value('--only')?.split(',') ?? [...SECTIONS];
  const unknown = only.filter((s) => !(SECTIONS as readonly string[]).includes(s));
  if (unknown.length) throw new UsageError(`--only takes ${SECTIONS.join(', ')}; not ${unknown.join(', ')}`);
  return {
    hosts,
    traces: trace ? [trace] : readdirSync(BUNDLED_TRACES).filter((f) => f.endsWith('.csv')).sort().map((f) => join(BUNDLED_TRACES, f)),
    json: argv.includes('--json'),
    sections: new Set(only as Section[]),
  };
}

function best(runs: readonly RunResult[]): RunResult {
  return runs.reduce((a, b) => (b.decisionsPerSec > a.decisionsPerSec ? b : a));
}

/** The same hosts and requests through the core, the baseline and (a slice, it is slow) the exact scan. */
function measureCore(hostCount: number, progress: (line: string) => void): CoreResult {
  const config = defaultSchedulerConfig;
  const { hosts } = generateFleet(hostCount, 7);
  const requests = generateRequests(Math.min(MAX_REQUESTS, 2 * hostCount), hosts, 11);
  const cores: RunResult[] = [];
  const baselines: RunResult[] = [];
  // Alternate, so neither side gets the quieter moments of the machine.
  for (let r = 0; r < ROUNDS; r++) {
    baselines.push(runBaseline(config, hosts, requests));
    cores.push(runCore(config, hosts, requests));
  }
  const exact = runExact(config, hosts, requests.slice(0, Math.max(20, Math.min(requests.length, Math.round(2e7 / hostCount)))));
  const heap = heapPerHost(() => generateFleet(hostCount, 7).hosts);
  const core = best(cores);
  const baseline = best(baselines);
  progress(`core: ${hostCount} hosts, ${requests.length} requests: ${Math.round(core.decisionsPerSec)}/s vs baseline ${Math.round(baseline.decisionsPerSec)}/s`);
  return {
    hosts: hostCount,
    decisionsPerSec: Math.round(core.decisionsPerSec),
    baselineDecisionsPerSec: Math.round(baseline.decisionsPerSec),
    heapBytesPerHost: Math.round(heap.statesBytes + heap.indexBytes),
    exactDecisionsPerSec: Math.round(exact.decisionsPerSec),
    indexBytesPerHost: Math.round(heap.indexBytes),
    baselineBytesPerHost: BestFitBaseline.BYTES_PER_HOST,
    failures: core.failures,
  };
}

/** Both sides compiled hot before anything is timed. */
function warmUp(): void {
  const { hosts } = generateFleet(2_000, 3);
  const requests = generateRequests(2_000, hosts, 5);
  for (let r = 0; r < 2; r++) {
    runBaseline(defaultSchedulerConfig, hosts, requests);
    runCore(defaultSchedulerConfig, hosts, requests);
  }
}

function table(core: CoreResult[], durable: DurableResult | undefined, packing: PackingResult[]): string {
  const lines: string[] = [''];
  if (core.length) {
    lines.push('placement core (indexed) vs bare typed-array best-fit scan, same hosts and requests, decisions applied');
    lines.push('      hosts   core dec/s   baseline dec/s   ratio   exact place() dec/s   heap B/host (index)   baseline B/host');
    for (const c of core) {
      lines.push(
        `${String(c.hosts).padStart(11)}${String(c.decisionsPerSec).padStart(13)}${String(c.baselineDecisionsPerSec).padStart(17)}${round(c.decisionsPerSec / c.baselineDecisionsPerSec, 2).toFixed(2).padStart(8)}` +
          `${String(c.exactDecisionsPerSec).padStart(22)}${`${c.heapBytesPerHost} (${c.indexBytesPerHost})`.padStart(22)}${String(c.baselineBytesPerHost).padStart(18)}`,
      );
    }
    lines.push('  target: core ≥ 0.5 × baseline at 100k hosts');
  }
  if (durable) {
    lines.push('durable: MariaDB claims (LedgerRepository.claim in Database.transaction)');
    lines.push(
      `  ${durable.hosts} hosts, ${durable.workers} workers × ${DURABLE.inFlightPerWorker} in flight: ${Math.round(durable.decisionsPerSec)} decisions/s (target ≥ 1000), ` +
        `${durable.decisions} placed, ${durable.failures} unplaced, ${durable.lostClaims} claims lost to races and retried`,
    );
    lines.push(`  ledger re-read: ${durable.doubleBookings} double bookings, ${durable.allocations} allocations (${durable.expectedAllocations} expected)`);
  }
  if (packing.length) {
    lines.push(`packing on identical ${PACKING_HOST.vcpus} vCPU / ${PACKING_HOST.memoryGiB} GiB hosts, requests in trace order, never removed`);
    lines.push('  trace              requests   hosts used   lower bound   ratio   CPU alloc %   mem alloc %');
    for (const p of packing) {
      lines.push(
        `  ${p.trace.padEnd(17)}${String(p.requests).padStart(10)}${String(p.hostsUsed).padStart(13)}${String(p.lowerBound).padStart(14)}${(p.hostsUsed / p.lowerBound).toFixed(3).padStart(8)}` +
          `${p.cpuAllocPct.toFixed(1).padStart(14)}${p.memAllocPct.toFixed(1).padStart(14)}${p.failures ? `   ${p.failures} unplaced` : ''}`,
      );
    }
    lines.push('  target: hosts used ≤ 1.05 × lower bound');
  }
  lines.push('');
  return lines.join('\n');
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  const core: CoreResult[] = [];
  if (options.sections.has('core')) {
    warmUp();
    for (const hosts of options.hosts) core.push(measureCore(hosts, progress));
  }
  const durable = options.sections.has('durable') ? await runDurable(defaultSchedulerConfig, DURABLE, progress) : undefined;
  const packing = options.sections.has('packing') ? options.traces.map((file) => packTrace(defaultSchedulerConfig, readTrace(file))) : [];
  const result = {
    core: core.map(({ hosts, decisionsPerSec, baselineDecisionsPerSec, heapBytesPerHost }) => ({ hosts, decisionsPerSec, baselineDecisionsPerSec, heapBytesPerHost })),
    ...(durable ? { durable: { hosts: durable.hosts, workers: durable.workers, decisionsPerSec: Math.round(durable.decisionsPerSec), doubleBookings: durable.doubleBookings } } : {}),
    packing: packing.map(({ trace, requests, hostsUsed, lowerBound, cpuAllocPct, memAllocPct }) => ({ trace, requests, hostsUsed, lowerBound, cpuAllocPct, memAllocPct })),
  };
  process.stdout.write(options.json ? `${JSON.stringify(result)}\n` : `${table(core, durable, packing)}\n${JSON.stringify(result)}\n`);
  // Speed is only reported; a double booking is a correctness failure.
  if (durable && durable.doubleBookings > 0) process.exitCode = 1;
}

// Heap figures need explicit collections: re-run under --expose-gc when started without it.
if ((globalThis as { gc?: unknown }).gc === undefined) {
  const child = spawnSync(process.execPath, ['--expose-gc', join(ROOT, 'scripts', 'run.js'), 'bench/scheduler/main.js', ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exitCode = child.status ?? 1;
} else {
  main().catch((error: unknown) => {
    const text = error instanceof UsageError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`${text}\n`);
    process.exitCode = 1;
  });
}
