import type { HostState, PlacementRequest } from '../host-state';
import type { HostFilter } from './host-filter';

/** A burst of first boots saturates a host's image pulls and disk I/O; cap them per host. */
export class MaxConcurrentBuildsFilter implements HostFilter {
  readonly name = 'MaxConcurrentBuildsFilter';
  readonly scope = 'host' as const;

  constructor(private readonly maxConcurrentBuilds: number) {}

  passes(host: HostState, _request: PlacementRequest): boolean {
    return host.activeBuilds < this.maxConcurrentBuilds;
  }
}
