/**
 * The power states of a domain. `booting` and `shutting-down` are transitional: the driver leaves
 * them on its own (boot completes or fails; the guest powers off or is forced off).
 */
export const DOMAIN_STATES = ['shutoff', 'booting', 'running', 'shutting-down', 'crashed'] as const;
export type DomainState = (typeof DOMAIN_STATES)[number];

/**
 * Why a domain is in its state, in the spirit of libvirt's (state, reason) pairs: a shut-off domain
 * that failed to boot looks different from one that was never started or was powered off.
 */
export const DOMAIN_STATE_REASONS = {
  shutoff: ['defined', 'shutdown', 'shutdown-forced', 'destroyed', 'boot-failed'],
  booting: ['starting', 'rebooting'],
  running: ['booted'],
  'shutting-down': ['shutdown-requested'],
  crashed: ['guest-crashed'],
} as const satisfies Record<DomainState, readonly string[]>;

export type DomainStateReason<S extends DomainState = DomainState> = (typeof DOMAIN_STATE_REASONS)[S][number];

export function isReasonOf(state: DomainState, reason: string): boolean {
  return (DOMAIN_STATE_REASONS[state] as readonly string[]).includes(reason);
}
