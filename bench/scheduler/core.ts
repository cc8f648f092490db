import { performance } from 'node:perf_hooks';
import { HostIndex, Scheduler, type HostState, type PlacementRequest, type SchedulerConfig } from '@ecs/scheduler';
import { BestFitBaseline } from './baseline';

export interface RunResult {
  readonly decisionsPerSec: number;
  readonly failures: number;
}

function indexOf(hosts: readonly HostState[]): HostIndex {
  const index = new HostIndex();
  for (const host of hosts) index.upsert(host);
  return index;
}

/** Indexed placement as control runs it: decide from the index, then apply the claim to it. */
export function runCore(config: SchedulerConfig, hosts: readonly HostState[], requests: readonly PlacementRequest[]): RunResult {
  const index = indexOf(hosts);
  const scheduler = new Scheduler(config);
  let failures = 0;
  const start = performance.now();
  for (const request of requests) {
    const decision = scheduler.placeIndexed(request, index);
    if (decision.ok) index.claim(decision.candidates[0].hostId, request);
    else failures++;
  }
  return { decisionsPerSec: requests.length / ((performance.now() - start) / 1000), failures };
}

/** The exact full scan (`place`) over a plain array, applying each decision to it. */
export function runExact(config: SchedulerConfig, hosts: readonly HostState[], requests: readonly PlacementRequest[]): RunResult {
  const fleet = [...hosts];
  const position = new Map(fleet.map((h, i) => [h.hostId, i]));
  const scheduler = new Scheduler(config);
  let failures = 0;
  const start = performance.now();
  for (const request of requests) {
    const decision = scheduler.place(request, fleet);
    if (!decision.ok) {
      failures++;
      continue;
    }
    const chosen = decision.candidates[0];
    fleet[position.get(chosen.hostId)!] = { ...chosen, usedVcpus: chosen.usedVcpus + request.vcpus, usedMemoryMiB: chosen.usedMemoryMiB + request.memoryMiB, usedDiskGiB: chosen.usedDiskGiB + request.diskGiB };
  }
  return { decisionsPerSec: requests.length / ((performance.now() - start) / 1000), failures };
}

export function runBaseline(config: SchedulerConfig, hosts: readonly HostState[], requests: readonly PlacementRequest[]): RunResult {
  const baseline = new BestFitBaseline(hosts, config.maxConcurrentBuilds);
  const encoded = requests.map((r) => baseline.encode(r));
  let failures = 0;
  const start = performance.now();
  for (const request of encoded) if (baseline.place(request) < 0) failures++;
  return { decisionsPerSec: requests.length / ((performance.now() - start) / 1000), failures };
}

/**
 * Heap the core keeps per host: the host states and the index over them, from heapUsed after full
 * collections (the process runs with --expose-gc).
 */
export function heapPerHost(makeHosts: () => HostState[]): { statesBytes: number; indexBytes: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('heap figures need node --expose-gc');
  const settle = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  const before = settle();
  const hosts = makeHosts();
  const withStates = settle();
  const index = indexOf(hosts);
  const withIndex = settle();
  if (index.size !== hosts.length) throw new Error('index lost hosts');
  return { statesBytes: (withStates - before) / hosts.length, indexBytes: (withIndex - withStates) / hosts.length };
}
