import type { HostState, PlacementRequest } from '../host-state';

/**
 * One reason a host cannot take a request. Filters are pure and cheap: the scheduler runs each
 * host through them in the configured order and counts, per filter, the hosts it removed.
 */
export interface HostFilter {
  /** Stable: it names the filter in config and in the tenant-facing failure message. */
  readonly name: string;
  passes(host: HostState, request: PlacementRequest): boolean;
}
