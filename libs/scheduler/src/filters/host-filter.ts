import type { HostState, PlacementRequest } from '../host-state';

/**
 * What a filter's verdict depends on, so the host index can ask it once for many hosts:
 * - `group`: only zone, host class, enabled/alive and allocatable vCPU/memory — the same for every
 *   host of one index group;
 * - `cell`: additionally free vCPUs and free memory — the same for every host of one capacity cell;
 * - `host`: anything else about the host (its id, disk, builds in flight): asked host by host.
 * A filter that claims a coarser scope than it has makes indexed placement disagree with `place`;
 * the property tests compare the two.
 */
export type FilterScope = 'group' | 'cell' | 'host';

/**
 * One reason a host cannot take a request. Filters are pure and cheap: the scheduler runs each
 * host through them in the configured order and counts, per filter, the hosts it removed.
 */
export interface HostFilter {
  /** Stable: it names the filter in config and in the tenant-facing failure message. */
  readonly name: string;
  readonly scope: FilterScope;
  passes(host: HostState, request: PlacementRequest): boolean;
}
