import { freeDiskGiB, hasRoom } from '../capacity/capacity';
import type { HostState, PlacementRequest } from '../host-state';
import type { HostFilter } from './host-filter';

/** Host scope: free disk is not part of a capacity cell (it seldom binds, and a third key would multiply cells). */
export class DiskCapacityFilter implements HostFilter {
  readonly name = 'DiskCapacityFilter';
  readonly scope = 'host' as const;

  passes(host: HostState, request: PlacementRequest): boolean {
    return hasRoom(freeDiskGiB(host), request.diskGiB);
  }
}
