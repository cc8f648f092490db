import type { HostState, PlacementRequest } from '../host-state';
import type { HostFilter } from './host-filter';

/** Keeps hosts in the requested zone; a request without a zone may go anywhere in the region. */
export class ZoneFilter implements HostFilter {
  readonly name = 'ZoneFilter';
  readonly scope = 'group' as const;

  passes(host: HostState, request: PlacementRequest): boolean {
    return request.zoneId === undefined || host.zoneId === request.zoneId;
  }
}
