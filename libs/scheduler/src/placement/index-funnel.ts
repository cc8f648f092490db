import type { HostState, PlacementRequest } from '../host-state';
import type { HostIndex } from '../index/host-index';
import type { FilterChain } from './filter-chain';

/**
 * How many hosts each filter removed (each host charged to the first filter it fails, as `place`
 * counts), from the index's aggregates: a group-scope failure charges the whole group, a cell-scope
 * failure the whole cell; only hosts of cells that pass every cell-level filter are asked one by one.
 */
export function countRemovals<H extends HostState>(chain: FilterChain, request: PlacementRequest, index: HostIndex<H>): number[] {
  const removed = new Array<number>(chain.filters.length).fill(0);
  const all = chain.filters.length;
  for (const group of index.groups) {
    const groupFailure = chain.firstFailing(group.representative, request, 0, chain.groupEnd);
    if (groupFailure >= 0) {
      removed[groupFailure] += group.hostCount;
      continue;
    }
    for (const cell of group.cells) {
      const cellFailure = chain.firstFailing(cell.representative, request, chain.groupEnd, chain.cellEnd);
      if (cellFailure >= 0) {
        removed[cellFailure] += cell.slots.length;
        continue;
      }
      for (const slot of cell.slots) {
        const hostFailure = chain.firstFailing(slot.host, request, chain.cellEnd, all);
        if (hostFailure >= 0) removed[hostFailure]++;
      }
    }
  }
  return removed;
}
