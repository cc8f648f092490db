import type { HostState, PlacementRequest } from '../host-state';
import type { CapacityCell } from '../index/capacity-cell';
import type { HostGroup } from '../index/host-group';
import type { HostIndex } from '../index/host-index';
import { bucketSlackCeiling, bucketSlackFloor, SLACK_BUCKETS, slackBucket } from '../index/slack';
import type { CapacityWeigher } from '../weighers/host-weigher';
import type { FilterChain } from './filter-chain';

export interface WeightedCapacityWeigher {
  readonly weigher: CapacityWeigher;
  readonly weight: number;
}

const EXHAUSTED = -1;

/**
 * Finds a bounded sample of hosts that pass every filter, for the scheduler to rank with the full
 * weigher pipeline. The sample is the `sampleSize` passing hosts with the best capacity objective
 * (Σ weight × raw score of the capacity weighers — the bin-packing score by default), ties in no
 * particular order. When at most `sampleSize` hosts pass, it is all of them, so the ranking is
 * exactly `place`'s.
 *
 * Slack buckets are visited in best-fit order (worst-fit when the capacity weights are negative),
 * merged across groups by an upper bound on the objective any host of the bucket could reach. Once
 * the sample is full and no unvisited bucket can beat its worst member, the search stops. Within a
 * visited bucket each capacity cell is filtered and scored once, through its representative host.
 */
export class IndexedSearch {
  private readonly objectives: Float64Array;
  private readonly ascending: boolean;
  private worstAt = 0;
  private worstObjective = Number.NEGATIVE_INFINITY;
  // Per-call scratch, one entry per group that passed the group-scope filters.
  private groupAt = new Int32Array(0);
  private demandShare = new Float64Array(0);
  private nextBucket = new Int32Array(0);
  private lastBucket = new Int32Array(0);
  private bound = new Float64Array(0);

  constructor(
    private readonly chain: FilterChain,
    private readonly capacityWeighers: readonly WeightedCapacityWeigher[],
    private readonly sampleSize: number,
  ) {
    this.objectives = new Float64Array(sampleSize);
    this.ascending = capacityWeighers.reduce((sum, w) => sum + w.weight, 0) >= 0;
  }

  /** The sample, in no particular order; empty when no host passes every filter. */
  collect<H extends HostState>(request: PlacementRequest, index: HostIndex<H>): H[] {
    this.worstObjective = Number.NEGATIVE_INFINITY;
    const { groups } = index;
    const sample: H[] = [];
    const active = this.openGroups(request, groups);
    for (;;) {
      let pick = EXHAUSTED;
      for (let g = 0; g < active; g++) {
        if (this.nextBucket[g] !== EXHAUSTED && (pick === EXHAUSTED || this.bound[g] > this.bound[pick])) pick = g;
      }
      if (pick === EXHAUSTED) break;
      if (sample.length === this.sampleSize && this.bound[pick] <= this.worstObjective) break;
      this.visit(groups[this.groupAt[pick]].buckets[this.nextBucket[pick]], request, sample);
      this.advance(groups, pick, this.nextBucket[pick] + (this.ascending ? 1 : -1));
    }
    return sample;
  }

  /** Keeps the groups whose representative passes the group-scope filters; returns their count. */
  private openGroups(request: PlacementRequest, groups: readonly HostGroup<HostState>[]): number {
    if (this.groupAt.length < groups.length) {
      this.groupAt = new Int32Array(groups.length);
      this.demandShare = new Float64Array(groups.length);
      this.nextBucket = new Int32Array(groups.length);
      this.lastBucket = new Int32Array(groups.length);
      this.bound = new Float64Array(groups.length);
    }
    let active = 0;
    for (let i = 0; i < groups.length; i++) {
      const group = groups[i];
      if (this.chain.firstFailing(group.representative, request, 0, this.chain.groupEnd) >= 0) continue;
      const demandShare = request.vcpus / group.cpuTotal + request.memoryMiB / group.memoryTotal;
      // A host with room for both the vCPUs and the memory has at least the request's slack.
      const roomBucket = this.chain.requiresRoom ? slackBucket(demandShare) : 0;
      this.groupAt[active] = i;
      this.demandShare[active] = demandShare;
      this.lastBucket[active] = this.ascending ? SLACK_BUCKETS - 1 : roomBucket;
      this.advance(groups, active, this.ascending ? roomBucket : SLACK_BUCKETS - 1);
      active++;
    }
    return active;
  }

  /** Moves group g's cursor to the first non-empty bucket from `from` on, and bounds it. */
  private advance(groups: readonly HostGroup<HostState>[], g: number, from: number): void {
    const { buckets } = groups[this.groupAt[g]];
    const step = this.ascending ? 1 : -1;
    const last = this.lastBucket[g];
    for (let b = from; this.ascending ? b <= last : b >= last; b += step) {
      if (buckets[b].length > 0) {
        this.nextBucket[g] = b;
        this.bound[g] = this.objectiveBound(this.demandShare[g], b);
        return;
      }
    }
    this.nextBucket[g] = EXHAUSTED;
  }

  /**
   * The best objective any host in `bucket` or beyond (in visiting order) could reach. A weigher
   * whose sign runs against the visiting order has no useful bound: +∞ keeps the search going.
   */
  private objectiveBound(demandShare: number, bucket: number): number {
    let total = 0;
    for (const { weigher, weight } of this.capacityWeighers) {
      if (this.ascending && weight > 0) total += weight * weigher.rawScoreCeiling((bucketSlackFloor(bucket) - demandShare) / 2);
      else if (!this.ascending && weight < 0) total += weight * weigher.rawScoreFloor((bucketSlackCeiling(bucket) - demandShare) / 2);
      else return Number.POSITIVE_INFINITY;
    }
    return total;
  }

  private visit<H extends HostState>(cells: readonly CapacityCell<H>[], request: PlacementRequest, sample: H[]): void {
    const { chain } = this;
    const all = chain.filters.length;
    for (const cell of cells) {
      const representative = cell.representative;
      if (chain.firstFailing(representative, request, chain.groupEnd, chain.cellEnd) >= 0) continue;
      const objective = this.objectiveOf(representative, request);
      if (sample.length === this.sampleSize && objective <= this.worstObjective) continue;
      for (const slot of cell.slots) {
        if (chain.firstFailing(slot.host, request, chain.cellEnd, all) >= 0) continue;
        this.offer(sample, slot.host, objective);
        if (sample.length === this.sampleSize && objective <= this.worstObjective) break;
      }
    }
  }

  private objectiveOf(host: HostState, request: PlacementRequest): number {
    let total = 0;
    for (const { weigher, weight } of this.capacityWeighers) total += weight * weigher.rawScore(host, request);
    return total;
  }

  /** Adds a passing host while there is room, else replaces the worst member (the caller checked it is better). */
  private offer<H extends HostState>(sample: H[], host: H, objective: number): void {
    if (sample.length < this.sampleSize) {
      this.objectives[sample.length] = objective;
      sample.push(host);
      if (sample.length === this.sampleSize) this.findWorst();
      return;
    }
    sample[this.worstAt] = host;
    this.objectives[this.worstAt] = objective;
    this.findWorst();
  }

  private findWorst(): void {
    let at = 0;
    for (let i = 1; i < this.sampleSize; i++) if (this.objectives[i] < this.objectives[at]) at = i;
    this.worstAt = at;
    this.worstObjective = this.objectives[at];
  }
}
