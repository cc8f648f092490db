import { CpuCapacityFilter } from '../filters/cpu-capacity.filter';
import type { HostFilter } from '../filters/host-filter';
import { MemoryCapacityFilter } from '../filters/memory-capacity.filter';
import type { HostState, PlacementRequest } from '../host-state';

/**
 * The configured filters, cut where their scope narrows: filters [0, groupEnd) are all `group`
 * scope and are asked once per index group, [groupEnd, cellEnd) at most `cell` scope and asked once
 * per capacity cell, the rest host by host. A `host` filter early in the list therefore makes every
 * later filter run per host: correct, only slower.
 */
export class FilterChain {
  readonly groupEnd: number;
  readonly cellEnd: number;
  /**
   * Both capacity filters are configured, so a host passes only if its free vCPUs and memory each
   * cover the request: the index may skip slack buckets that cannot.
   */
  readonly requiresRoom: boolean;

  constructor(readonly filters: readonly HostFilter[]) {
    let groupEnd = 0;
    while (groupEnd < filters.length && filters[groupEnd].scope === 'group') groupEnd++;
    let cellEnd = groupEnd;
    while (cellEnd < filters.length && filters[cellEnd].scope !== 'host') cellEnd++;
    this.groupEnd = groupEnd;
    this.cellEnd = cellEnd;
    this.requiresRoom = filters.some((f) => f instanceof CpuCapacityFilter) && filters.some((f) => f instanceof MemoryCapacityFilter);
  }

  /** Index of the first filter in [from, to) that `host` fails, or -1. */
  firstFailing(host: HostState, request: PlacementRequest, from: number, to: number): number {
    for (let f = from; f < to; f++) {
      if (!this.filters[f].passes(host, request)) return f;
    }
    return -1;
  }
}
