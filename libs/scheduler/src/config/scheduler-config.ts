import type { CommonShape } from '../weighers/bin-packing.weigher';

/** How the scheduler is assembled; validated when a `Scheduler` is constructed from it. */
export interface SchedulerConfig {
  /** Filter names in the order hosts run through them; put cheap, selective filters first. */
  readonly filters: readonly string[];
  /** Weigher name → multiplier applied to its 0..1 normalised score; unlisted weighers are off. */
  readonly weights: Readonly<Record<string, number>>;
  readonly maxConcurrentBuilds: number;
  /** How many ranked hosts a placement returns, so a claim lost to a race can fall back. */
  readonly candidateLimit: number;
  /**
   * How many passing hosts indexed placement ranks with every weigher (raised to `candidateLimit`
   * if smaller): the best by the capacity weighers' score. Where no more hosts pass, the answer
   * is exactly `place`'s.
   */
  readonly sampleSize: number;
  /** Shapes the anti-fragmentation term tries to keep sellable. */
  readonly commonShapes: readonly CommonShape[];
}

export const defaultSchedulerConfig: SchedulerConfig = {
  filters: [
    'ZoneFilter',
    'HostAvailableFilter',
    'HostClassFilter',
    'CpuCapacityFilter',
    'MemoryCapacityFilter',
    'DiskCapacityFilter',
    'DeploymentSetSpreadFilter',
    'MaxConcurrentBuildsFilter',
  ],
  weights: {
    BinPackingWeigher: 1,
    FaultDomainSpreadWeigher: 0.5,
    ImageCacheWeigher: 0.3,
    BuildLoadWeigher: 0.2,
  },
  maxConcurrentBuilds: 10,
  candidateLimit: 10,
  sampleSize: 64,
  // The smallest sizes of the compute (1:2), general (1:4) and memory (1:8) families.
  commonShapes: [
    { vcpus: 2, memoryMiB: 4096 },
    { vcpus: 2, memoryMiB: 8192 },
    { vcpus: 2, memoryMiB: 16384 },
  ],
};
