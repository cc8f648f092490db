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

/**
 * A weigher whose raw score depends only on the host's allocatable and free vCPUs and memory (and
 * the request), so every host of one capacity cell scores alike and the host index scores a cell
 * once. The bounds let indexed placement stop early: they are stated in terms of the host's mean
 * free share after the placement, ((free vCPU − demand) / allocatable + (free memory − demand) /
 * allocatable) / 2, which is what the index orders cells by.
 */
export interface CapacityWeigher extends HostWeigher {
  readonly capacityOnly: true;
  /** No host whose mean free share after the placement is at least `meanFreeShareAfter` scores higher. */
  rawScoreCeiling(meanFreeShareAfter: number): number;
  /** No host whose mean free share after the placement is at most `meanFreeShareAfter` scores lower. */
  rawScoreFloor(meanFreeShareAfter: number): number;
}

export function isCapacityWeigher(weigher: HostWeigher): weigher is CapacityWeigher {
  return (weigher as Partial<CapacityWeigher>).capacityOnly === true;
}
