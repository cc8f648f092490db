import { freeVcpus, hasRoom } from '../capacity/capacity';
import type { HostState, PlacementRequest } from '../host-state';
import type { HostFilter } from './host-filter';

export class CpuCapacityFilter implements HostFilter {
  readonly name = 'CpuCapacityFilter';
  readonly scope = 'cell' as const;

  passes(host: HostState, request: PlacementRequest): boolean {
    return hasRoom(freeVcpus(host), request.vcpus);
  }
}
