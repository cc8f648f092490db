import type { HostState, PlacementRequest } from '../host-state';
import type { HostFilter } from './host-filter';

/** Keeps hosts in the requested zone, and in the zones the request may use at all; otherwise anywhere in the region. */
export class ZoneFilter implements HostFilter {
  readonly name = 'ZoneFilter';
  readonly scope = 'group' as const;

  passes(host: HostState, request: PlacementRequest): boolean {
    return (request.zoneId === undefined || host.zoneId === request.zoneId) && (request.zoneIds === undefined || request.zoneIds.has(host.zoneId));
  }
}
