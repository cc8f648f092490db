import type { ObservedDomainState } from '@ecs/contracts';

/**
 * What the agent remembers about a domain between passes. It lives only in process memory: a
 * restarted agent starts empty and rebuilds it from the hypervisor and a resync.
 */
export interface DomainMemory {
  /** The desired generation of the last boot this agent started; a boot that failed at it is not retried. */
  readonly bootAttemptGeneration?: number;
  /** The highest reboot generation carried out. */
  readonly rebootedGeneration?: number;
  /** The last state published for the domain. */
  readonly reported?: { readonly state: ObservedDomainState; readonly generation: number };
}
