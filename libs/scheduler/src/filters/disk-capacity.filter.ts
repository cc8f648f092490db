import { freeDiskGiB, hasRoom } from '../capacity/capacity';
import type { HostState, PlacementRequest } from '../host-state';
import type { HostFilter } from './host-filter';

export class DiskCapacityFilter implements HostFilter {
  readonly name = 'DiskCapacityFilter';

  passes(host: HostState, request: PlacementRequest): boolean {
    return hasRoom(freeDiskGiB(host), request.diskGiB);
  }
}
