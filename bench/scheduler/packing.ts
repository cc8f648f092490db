import { HostIndex, Scheduler, type HostState, type PlacementRequest, type SchedulerConfig } from '@ecs/scheduler';
import type { Trace } from './trace';

/** The identical hosts every trace is packed onto. */
export const PACKING_HOST = { vcpus: 96, memoryGiB: 384 };

export interface PackingResult {
  readonly trace: string;
  readonly requests: number;
  readonly hostsUsed: number;
  readonly lowerBound: number;
  readonly cpuAllocPct: number;
  readonly memAllocPct: number;
  readonly failures: number;
}

/**
 * Places a trace in order on identical empty hosts with indexed placement, never removing anything,
 * and compares the hosts it opened with the lower bound ceil(max(total vCPU / host vCPU, total
 * memory / host memory)). Enough hosts are offered that capacity never runs out.
 */
export function packTrace(config: SchedulerConfig, trace: Trace): PackingResult {
  const hostMemoryMiB = PACKING_HOST.memoryGiB * 1024;
  const totalCpu = trace.requests.reduce((sum, r) => sum + r.vcpus, 0);
  const totalMemory = trace.requests.reduce((sum, r) => sum + r.memoryMiB, 0);
  const lowerBound = Math.ceil(Math.max(totalCpu / PACKING_HOST.vcpus, totalMemory / hostMemoryMiB));
  const offered = 2 * lowerBound + 16;
  const index = new HostIndex();
  for (let n = 0; n < offered; n++) index.upsert(emptyHost(n, hostMemoryMiB));
  const scheduler = new Scheduler(config);
  const used = new Set<string>();
  let failures = 0;
  for (const { vcpus, memoryMiB } of trace.requests) {
    const request: PlacementRequest = { vcpus, memoryMiB, diskGiB: 0, hostClass: 'g7', imageId: 'm-trace', accountId: 'acct-trace' };
    const decision = scheduler.placeIndexed(request, index);
    if (!decision.ok) {
      failures++;
      continue;
    }
    index.claim(decision.candidates[0].hostId, request);
    used.add(decision.candidates[0].hostId);
  }
  const hostsUsed = used.size;
  const pct = (demand: number, perHost: number) => Math.round((1000 * demand) / (hostsUsed * perHost)) / 10;
  return {
    trace: trace.name,
    requests: trace.requests.length,
    hostsUsed,
    lowerBound,
    cpuAllocPct: pct(totalCpu, PACKING_HOST.vcpus),
    memAllocPct: pct(totalMemory, hostMemoryMiB),
    failures,
  };
}

function emptyHost(n: number, memoryMiB: number): HostState {
  return {
    hostId: `pack-${String(n).padStart(5, '0')}`,
    zoneId: 'cn-hangzhou-h',
    rack: `rack-${Math.floor(n / 40)}`,
    hostClass: 'g7',
    enabled: true,
    alive: true,
    vcpus: PACKING_HOST.vcpus,
    memoryMiB,
    diskGiB: 3576,
    usedVcpus: 0,
    usedMemoryMiB: 0,
    usedDiskGiB: 0,
    cpuAllocationRatio: 1,
    memoryAllocationRatio: 1,
    activeBuilds: 0,
    cachedImageIds: new Set(),
  };
}
