import { isSchedulable } from '../capacity/capacity';
import type { HostState, PlacementRequest } from '../host-state';
import type { HostFilter } from './host-filter';

/** Drops hosts an operator disabled and hosts whose agent lost its registration. */
export class HostAvailableFilter implements HostFilter {
  readonly name = 'HostAvailableFilter';
  readonly scope = 'group' as const;

  passes(host: HostState, _request: PlacementRequest): boolean {
    return isSchedulable(host);
  }
}
