import type { DesiredDomain } from '@ecs/contracts';
import type { DomainMemory } from '../reconcile/domain-memory';

/** What control wants for one domain, plus the edge-triggered asks that desired state cannot express. */
export interface DesiredEntry {
  readonly domain: DesiredDomain;
  /** A destroy command asked for power-off now, not a graceful shutdown. */
  readonly forceOff: boolean;
  /** The generation of the latest reboot asked for; each generation reboots once. */
  readonly rebootGeneration: number | undefined;
}

export function rebootPending(entry: DesiredEntry, memory: DomainMemory | undefined): boolean {
  return entry.rebootGeneration !== undefined && entry.rebootGeneration > (memory?.rebootedGeneration ?? -Infinity);
}
