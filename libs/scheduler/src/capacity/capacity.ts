import type { HostState, InstanceShape } from '../host-state';

/**
 * The one place capacity arithmetic lives. Filters and stock both read it, so the stock shown to
 * tenants can never promise a shape the filters would then refuse.
 *
 * Allocatable capacity is physical capacity times the host's overcommit ratio, rounded down: a
 * fractional vCPU or MiB cannot be handed to a guest. Free capacity may be negative when an operator
 * lowers a ratio below what is already claimed; callers compare, never divide by it.
 */
export function allocatableVcpus(host: HostState): number {
  return Math.floor(host.vcpus * host.cpuAllocationRatio);
}

export function allocatableMemoryMiB(host: HostState): number {
  return Math.floor(host.memoryMiB * host.memoryAllocationRatio);
}

export function freeVcpus(host: HostState): number {
  return allocatableVcpus(host) - host.usedVcpus;
}

export function freeMemoryMiB(host: HostState): number {
  return allocatableMemoryMiB(host) - host.usedMemoryMiB;
}

/** Disk is never overcommitted: a full thin-provisioned pool corrupts guests. */
export function freeDiskGiB(host: HostState): number {
  return host.diskGiB - host.usedDiskGiB;
}

/** Takes placements at all: enabled by operators and registered by a live agent. */
export function isSchedulable(host: HostState): boolean {
  return host.enabled && host.alive;
}

/** The capacity filters' test, shared so stock counts agree with them. */
export function hasRoom(free: number, demand: number): boolean {
  return free >= demand;
}

/** How many whole copies of `demand` fit into `free`; a zero demand does not limit (if not overdrawn). */
function copiesThatFit(free: number, demand: number): number {
  if (!hasRoom(free, demand)) return 0;
  return demand > 0 ? Math.floor(free / demand) : Number.POSITIVE_INFINITY;
}

/**
 * How many more instances of `shape` this host can take on capacity alone (class and liveness are
 * the caller's concern). At least one fits exactly when every capacity filter passes.
 */
export function instancesThatFit(host: HostState, shape: InstanceShape): number {
  // Every instance has a vCPU and memory, which keeps the count finite.
  if (!(shape.vcpus > 0 && shape.memoryMiB > 0)) {
    throw new RangeError(`an instance shape needs positive vCPUs and memory, got ${shape.vcpus} vCPU/${shape.memoryMiB} MiB`);
  }
  return Math.min(
    copiesThatFit(freeVcpus(host), shape.vcpus),
    copiesThatFit(freeMemoryMiB(host), shape.memoryMiB),
    copiesThatFit(freeDiskGiB(host), shape.diskGiB),
  );
}
