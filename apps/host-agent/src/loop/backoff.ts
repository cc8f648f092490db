export interface BackoffOptions {
  /** Delay after the first failure. */
  readonly initialMs: number;
  /** No delay exceeds this. */
  readonly maxMs: number;
  /** Growth per consecutive failure; 2 when unset. */
  readonly multiplier?: number;
  /**
   * Fraction (0..1) of each delay taken off at random, so that many agents failing together do not
   * retry in lockstep; 0 when unset.
   */
  readonly jitter?: number;
}

/** Delay before retry number `failures` (1 = after the first failure): exponential, capped, jittered. */
export function backoffDelay(failures: number, options: BackoffOptions, random: () => number = Math.random): number {
  const exponential = options.initialMs * (options.multiplier ?? 2) ** Math.max(0, failures - 1);
  const capped = Math.min(options.maxMs, exponential);
  return Math.round(capped * (1 - (options.jitter ?? 0) * random()));
}
