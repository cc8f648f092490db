import { allocatableMemoryMiB, allocatableVcpus, freeMemoryMiB, freeVcpus } from '../capacity/capacity';
import type { HostState, PlacementRequest } from '../host-state';
import type { CapacityWeigher } from './host-weigher';

/** A vCPU/memory pair an operator expects to sell often; remainders smaller than all of them are lost. */
export interface CommonShape {
  readonly vcpus: number;
  readonly memoryMiB: number;
}

/**
 * Stranded capacity is lost, not merely idle, so it counts against fill once more, a little over
 * weight: above 1, a host left with a remainder no common type can use loses to one left with a
 * remainder that still sells. Not much above: on a CPU-bound fleet every nearly full host has
 * memory it can never sell, and a heavier penalty makes opening a fresh host look better than
 * finishing one — 1.75 and 2 cost 7% and 6% extra hosts on the small-heavy packing trace, where
 * 1.1–1.5 reach the lower bound (docs/decisions/0060).
 */
const STRANDED_PENALTY = 1.25;

/**
 * Prefers the host that is fullest after this placement (fewer, fuller hosts leave whole hosts free
 * for large types), minus an anti-fragmentation term: the share of the host's CPU and memory that
 * would be left over in amounts no common shape can use, including capacity stranded by a CPU:memory
 * imbalance.
 */
export class BinPackingWeigher implements CapacityWeigher {
  readonly name = 'BinPackingWeigher';
  readonly capacityOnly = true;

  constructor(private readonly commonShapes: readonly CommonShape[]) {}

  rawScore(host: HostState, request: PlacementRequest): number {
    const cpuTotal = Math.max(allocatableVcpus(host), 1);
    const memoryTotal = Math.max(allocatableMemoryMiB(host), 1);
    const cpuLeft = Math.max(freeVcpus(host) - request.vcpus, 0);
    const memoryLeft = Math.max(freeMemoryMiB(host) - request.memoryMiB, 0);
    const fillAfter = 1 - (cpuLeft / cpuTotal + memoryLeft / memoryTotal) / 2;
    return fillAfter - STRANDED_PENALTY * this.strandedShare(cpuLeft, memoryLeft, cpuTotal, memoryTotal);
  }

  /** Fill after is 1 − the mean free share, and the stranded term only subtracts. */
  rawScoreCeiling(meanFreeShareAfter: number): number {
    return 1 - meanFreeShareAfter;
  }

  /** What is stranded is part of what is left, so it costs at most the penalty times the whole remainder. */
  rawScoreFloor(meanFreeShareAfter: number): number {
    return 1 - (1 + STRANDED_PENALTY) * meanFreeShareAfter;
  }

  /** The least waste any one common shape achieves when packed into the remainder. */
  private strandedShare(cpuLeft: number, memoryLeft: number, cpuTotal: number, memoryTotal: number): number {
    if (this.commonShapes.length === 0) return 0;
    let least = Number.POSITIVE_INFINITY;
    for (const shape of this.commonShapes) {
      const copies = Math.min(Math.floor(cpuLeft / shape.vcpus), Math.floor(memoryLeft / shape.memoryMiB));
      const waste = ((cpuLeft - copies * shape.vcpus) / cpuTotal + (memoryLeft - copies * shape.memoryMiB) / memoryTotal) / 2;
      if (waste < least) least = waste;
    }
    return least;
  }
}
