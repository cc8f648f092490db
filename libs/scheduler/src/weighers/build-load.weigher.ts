import type { HostState, PlacementRequest } from '../host-state';
import type { HostWeigher } from './host-weigher';

/** Prefers hosts with fewer boots in progress, below the hard cap the filter enforces. */
export class BuildLoadWeigher implements HostWeigher {
  readonly name = 'BuildLoadWeigher';

  rawScore(host: HostState, _request: PlacementRequest): number {
    return -host.activeBuilds;
  }
}
