import { FILTER_REGISTRY, WEIGHER_REGISTRY, isFilterName, isWeigherName } from '../config/registry';
import type { SchedulerConfig } from '../config/scheduler-config';
import type { HostFilter } from '../filters/host-filter';
import type { HostState, PlacementRequest } from '../host-state';
import type { HostIndex } from '../index/host-index';
import { isCapacityWeigher, type HostWeigher } from '../weighers/host-weigher';
import { explainFailure } from './explain-failure';
import { FilterChain } from './filter-chain';
import { countRemovals } from './index-funnel';
import { IndexedSearch, type WeightedCapacityWeigher } from './indexed-search';
import type { FilterRemoval, PlacementDecision } from './placement-decision';

export class SchedulerConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchedulerConfigError';
  }
}

/**
 * Nova's filter-and-weigh in two forms over the same filter and weigher classes:
 * - `place` scans a snapshot exactly: each host runs the filter chain once (no intermediate
 *   arrays), scores live in typed scratch buffers reused across calls, and only the top
 *   `candidateLimit` hosts are ever ordered;
 * - `placeIndexed` reads a `HostIndex` the caller keeps current, ranks only a bounded sample of
 *   passing hosts (exactly `place`'s answer when no more than `sampleSize` pass) and explains a
 *   failure from the index's aggregates with the same counts `place` gives. See docs/decisions/0060.
 * Ties break by hostId, so the same input always yields the same answer. Pure: both read their
 * arguments and nothing else.
 */
export class Scheduler {
  private readonly chain: FilterChain;
  private readonly weighers: readonly HostWeigher[];
  private readonly weights: Float64Array;
  private readonly candidateLimit: number;
  private readonly search: IndexedSearch;
  // Scratch reused across calls; placement is synchronous, so no two calls share it at once.
  private candidateIndexes = new Int32Array(0);
  private totals = new Float64Array(0);
  private raw = new Float64Array(0);

  constructor(config: SchedulerConfig) {
    this.chain = new FilterChain(buildFilters(config));
    const weighers = buildWeighers(config);
    this.weighers = weighers.map((w) => w.weigher);
    this.weights = Float64Array.from(weighers.map((w) => w.weight));
    if (!Number.isInteger(config.candidateLimit) || config.candidateLimit < 1) {
      throw new SchedulerConfigError(`candidateLimit must be a positive integer, got ${config.candidateLimit}`);
    }
    if (!Number.isInteger(config.sampleSize) || config.sampleSize < 1) {
      throw new SchedulerConfigError(`sampleSize must be a positive integer, got ${config.sampleSize}`);
    }
    this.candidateLimit = config.candidateLimit;
    const capacityWeighers = weighers.filter((w): w is WeightedCapacityWeigher => isCapacityWeigher(w.weigher));
    // A sample smaller than the candidate list would return fewer fallbacks than `place`.
    this.search = new IndexedSearch(this.chain, capacityWeighers, Math.max(config.sampleSize, config.candidateLimit));
  }

  /** The exact answer: every host filtered, every passing host weighed. */
  place<H extends HostState>(request: PlacementRequest, hosts: readonly H[]): PlacementDecision<H> {
    this.ensureScratch(hosts.length);
    const filterCount = this.chain.filters.length;
    const removed = new Array<number>(filterCount).fill(0);
    let count = 0;
    for (let i = 0; i < hosts.length; i++) {
      const failed = this.chain.firstFailing(hosts[i], request, 0, filterCount);
      if (failed < 0) this.candidateIndexes[count++] = i;
      else removed[failed]++;
    }
    if (count === 0) return this.failure(request, hosts.length, removed);
    this.weigh(request, hosts, count);
    return { ok: true, candidates: this.best(hosts, count) };
  }

  /** The fast answer from an index the caller keeps current; see the class comment. */
  placeIndexed<H extends HostState>(request: PlacementRequest, index: HostIndex<H>): PlacementDecision<H> {
    const sample = this.search.collect(request, index);
    const count = sample.length;
    if (count === 0) return this.failure(request, index.size, countRemovals(this.chain, request, index));
    this.ensureScratch(count);
    for (let j = 0; j < count; j++) this.candidateIndexes[j] = j;
    this.weigh(request, sample, count);
    return { ok: true, candidates: this.best(sample, count) };
  }

  private failure(request: PlacementRequest, hostCount: number, removed: readonly number[]): { ok: false; removedByFilter: FilterRemoval[]; message: string } {
    const removedByFilter = this.chain.filters.map((filter, f) => ({ filter: filter.name, removed: removed[f] }));
    return { ok: false, removedByFilter, message: explainFailure(request, hostCount, removedByFilter) };
  }

  private weigh(request: PlacementRequest, hosts: readonly HostState[], count: number): void {
    const { candidateIndexes, totals, raw } = this;
    totals.fill(0, 0, count);
    for (let w = 0; w < this.weighers.length; w++) {
      const weigher = this.weighers[w];
      let min = Number.POSITIVE_INFINITY;
      let max = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < count; j++) {
        const score = weigher.rawScore(hosts[candidateIndexes[j]], request);
        raw[j] = score;
        if (score < min) min = score;
        if (score > max) max = score;
      }
      const range = max - min;
      if (!(range > 0)) continue;
      const scale = this.weights[w] / range;
      for (let j = 0; j < count; j++) totals[j] += (raw[j] - min) * scale;
    }
  }

  /** Partial insertion sort: only the best `candidateLimit` are kept in order. */
  private best<H extends HostState>(hosts: readonly H[], count: number): H[] {
    const limit = Math.min(this.candidateLimit, count);
    const top = new Int32Array(limit);
    let size = 0;
    for (let j = 0; j < count; j++) {
      if (size === limit && !this.ranksAbove(hosts, j, top[size - 1])) continue;
      let pos = size < limit ? size++ : limit - 1;
      while (pos > 0 && this.ranksAbove(hosts, j, top[pos - 1])) {
        top[pos] = top[pos - 1];
        pos--;
      }
      top[pos] = j;
    }
    const result = new Array<H>(limit);
    for (let k = 0; k < limit; k++) result[k] = hosts[this.candidateIndexes[top[k]]];
    return result;
  }

  /** Higher score first, then lower hostId, then earlier in the input. */
  private ranksAbove(hosts: readonly HostState[], a: number, b: number): boolean {
    const scoreA = this.totals[a];
    const scoreB = this.totals[b];
    if (scoreA !== scoreB) return scoreA > scoreB;
    const idA = hosts[this.candidateIndexes[a]].hostId;
    const idB = hosts[this.candidateIndexes[b]].hostId;
    if (idA !== idB) return idA < idB;
    return a < b;
  }

  private ensureScratch(size: number): void {
    if (this.candidateIndexes.length >= size) return;
    this.candidateIndexes = new Int32Array(size);
    this.totals = new Float64Array(size);
    this.raw = new Float64Array(size);
  }
}

function buildFilters(config: SchedulerConfig): HostFilter[] {
  if (!Number.isInteger(config.maxConcurrentBuilds) || config.maxConcurrentBuilds < 1) {
    throw new SchedulerConfigError(`maxConcurrentBuilds must be a positive integer, got ${config.maxConcurrentBuilds}`);
  }
  const seen = new Set<string>();
  return config.filters.map((name) => {
    if (!isFilterName(name)) {
      throw new SchedulerConfigError(`unknown scheduler filter "${name}"; known: ${Object.keys(FILTER_REGISTRY).join(', ')}`);
    }
    if (seen.has(name)) throw new SchedulerConfigError(`scheduler filter "${name}" is listed twice`);
    seen.add(name);
    return FILTER_REGISTRY[name](config);
  });
}

function buildWeighers(config: SchedulerConfig): { weigher: HostWeigher; weight: number }[] {
  for (const shape of config.commonShapes) {
    if (!(shape.vcpus > 0 && shape.memoryMiB > 0)) {
      throw new SchedulerConfigError(`common shape ${shape.vcpus} vCPU/${shape.memoryMiB} MiB must be positive`);
    }
  }
  const built: { weigher: HostWeigher; weight: number }[] = [];
  for (const [name, weight] of Object.entries(config.weights)) {
    if (!isWeigherName(name)) {
      throw new SchedulerConfigError(`unknown scheduler weigher "${name}"; known: ${Object.keys(WEIGHER_REGISTRY).join(', ')}`);
    }
    if (!Number.isFinite(weight)) throw new SchedulerConfigError(`weight of ${name} must be a finite number, got ${weight}`);
    // A zero weight switches the weigher off without costing a pass over the candidates.
    if (weight !== 0) built.push({ weigher: WEIGHER_REGISTRY[name](config), weight });
  }
  return built;
}
