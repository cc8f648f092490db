import type { PlacementRequest } from '../host-state';
import type { FilterRemoval } from './placement-decision';

/**
 * "no host can take 4 vCPU/16384 MiB in cn-hangzhou-a: ZoneFilter removed 12 of 16 hosts,
 * CpuCapacityFilter removed 3 of 4 remaining, …" — the funnel, narrowing filter by filter, so a
 * tenant (and the operator they call) can see which constraint ran out.
 */
export function explainFailure(request: PlacementRequest, hostCount: number, removals: readonly FilterRemoval[]): string {
  const where = request.zoneId !== undefined ? ` in ${request.zoneId}` : request.zoneIds !== undefined ? ` in ${[...request.zoneIds].sort().join(', ') || 'no zone'}` : '';
  const head = `no host can take ${request.vcpus} vCPU/${request.memoryMiB} MiB${where}`;
  if (hostCount === 0) return `${head}: no hosts are available`;
  const steps: string[] = [];
  let remaining = hostCount;
  for (const { filter, removed } of removals) {
    if (removed === 0) continue;
    steps.push(remaining === hostCount ? `${filter} removed ${removed} of ${hostCount} hosts` : `${filter} removed ${removed} of ${remaining} remaining`);
    remaining -= removed;
  }
  return `${head}: ${steps.join(', ')}`;
}
