import type { HostState, PlacementRequest } from '../host-state';
import type { HostFilter } from './host-filter';

/** Deployment set, Availability strategy: at most one member of the set per physical host. */
export class DeploymentSetSpreadFilter implements HostFilter {
  readonly name = 'DeploymentSetSpreadFilter';
  readonly scope = 'host' as const;

  passes(host: HostState, request: PlacementRequest): boolean {
    return request.deploymentSetHostIds === undefined || !request.deploymentSetHostIds.has(host.hostId);
  }
}
