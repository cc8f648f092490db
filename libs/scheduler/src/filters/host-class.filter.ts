import type { HostState, PlacementRequest } from '../host-state';
import type { HostFilter } from './host-filter';

/** An instance family runs only on its class of hardware (CPU generation, local disks, GPUs). */
export class HostClassFilter implements HostFilter {
  readonly name = 'HostClassFilter';
  readonly scope = 'group' as const;

  passes(host: HostState, request: PlacementRequest): boolean {
    return host.hostClass === request.hostClass;
  }
}
