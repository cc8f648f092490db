import { hostname } from 'node:os';

/**
 * A process's member id in a service group: unique per host and process, since every container
 * runs its entry point as pid 1.
 */
export function processMemberId(service: string): string {
  return `${service}-${hostname()}-${process.pid}`;
}
