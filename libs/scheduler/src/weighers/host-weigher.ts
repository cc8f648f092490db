import type { HostState, PlacementRequest } from '../host-state';

/**
 * One preference among hosts that passed every filter. Higher raw scores are better; the scheduler
 * normalises them to 0..1 over the candidates and multiplies by the configured weight, so a
 * weigher's units never leak into another's.
 */
export interface HostWeigher {
  /** Stable: it names the weigher in config. */
  readonly name: string;
  rawScore(host: HostState, request: PlacementRequest): number;
}
