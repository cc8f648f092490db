import type { HostState, InstanceShape } from '../host-state';
import { instancesThatFit, isSchedulable } from './capacity';

function counts(host: HostState, shape: InstanceShape): boolean {
  return isSchedulable(host) && host.hostClass === shape.hostClass;
}

/**
 * How many more instances of `shape` fit on the schedulable hosts of its class (in `zoneId` when
 * given), by the same arithmetic the capacity filters apply. Build caps and deployment sets are
 * left out: they delay or steer a placement, they do not use up capacity.
 */
export function stockFor(shape: InstanceShape, hosts: readonly HostState[], zoneId?: string): number {
  let total = 0;
  for (const host of hosts) {
    if ((zoneId === undefined || host.zoneId === zoneId) && counts(host, shape)) total += instancesThatFit(host, shape);
  }
  return total;
}

/** `stockFor` for every zone in one pass over the hosts; zones with no host of the class are absent. */
export function stockByZone(shape: InstanceShape, hosts: readonly HostState[]): Map<string, number> {
  const byZone = new Map<string, number>();
  for (const host of hosts) {
    if (counts(host, shape)) byZone.set(host.zoneId, (byZone.get(host.zoneId) ?? 0) + instancesThatFit(host, shape));
  }
  return byZone;
}
