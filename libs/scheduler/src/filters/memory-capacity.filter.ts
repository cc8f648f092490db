import { freeMemoryMiB, hasRoom } from '../capacity/capacity';
import type { HostState, PlacementRequest } from '../host-state';
import type { HostFilter } from './host-filter';

export class MemoryCapacityFilter implements HostFilter {
  readonly name = 'MemoryCapacityFilter';
  readonly scope = 'cell' as const;

  passes(host: HostState, request: PlacementRequest): boolean {
    return hasRoom(freeMemoryMiB(host), request.memoryMiB);
  }
}
