import type { DomainSpec } from '@ecs/contracts';

export interface ResourceAmounts {
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly diskGiB: number;
}

export const NO_RESOURCES: ResourceAmounts = { vcpus: 0, memoryMiB: 0, diskGiB: 0 };

/** What a host has, and what its defined domains (running or not) have claimed of it. */
export interface HostResources {
  readonly capacity: ResourceAmounts;
  readonly allocated: ResourceAmounts;
  readonly domainCount: number;
}

export function demandOf(spec: DomainSpec): ResourceAmounts {
  return { vcpus: spec.vcpus, memoryMiB: spec.memoryMiB, diskGiB: spec.diskGiB };
}

export function addResources(a: ResourceAmounts, b: ResourceAmounts): ResourceAmounts {
  return { vcpus: a.vcpus + b.vcpus, memoryMiB: a.memoryMiB + b.memoryMiB, diskGiB: a.diskGiB + b.diskGiB };
}

export function subtractResources(a: ResourceAmounts, b: ResourceAmounts): ResourceAmounts {
  return { vcpus: a.vcpus - b.vcpus, memoryMiB: a.memoryMiB - b.memoryMiB, diskGiB: a.diskGiB - b.diskGiB };
}

export function fitsWithin(demand: ResourceAmounts, free: ResourceAmounts): boolean {
  return demand.vcpus <= free.vcpus && demand.memoryMiB <= free.memoryMiB && demand.diskGiB <= free.diskGiB;
}
