import type { HostState, PlacementRequest } from '../host-state';
import type { HostWeigher } from './host-weigher';

/** Prefers racks holding fewer of this tenant's instances, so one rack failure takes fewer of them. */
export class FaultDomainSpreadWeigher implements HostWeigher {
  readonly name = 'FaultDomainSpreadWeigher';

  rawScore(host: HostState, request: PlacementRequest): number {
    return -(request.accountRackCounts?.get(host.rack) ?? 0);
  }
}
