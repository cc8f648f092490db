import type { HostState, PlacementRequest } from '../host-state';

/** Spec support: an empty, healthy 64 vCPU / 256 GiB host unless told otherwise. */
export function makeHost(overrides: Partial<HostState> = {}): HostState {
  return {
    hostId: 'h-1',
    zoneId: 'cn-hangzhou-a',
    rack: 'r1',
    hostClass: 'g6',
    enabled: true,
    alive: true,
    vcpus: 64,
    memoryMiB: 262144,
    diskGiB: 2000,
    usedVcpus: 0,
    usedMemoryMiB: 0,
    usedDiskGiB: 0,
    cpuAllocationRatio: 1,
    memoryAllocationRatio: 1,
    activeBuilds: 0,
    cachedImageIds: new Set<string>(),
    ...overrides,
  };
}

export function makeRequest(overrides: Partial<PlacementRequest> = {}): PlacementRequest {
  return {
    zoneId: 'cn-hangzhou-a',
    vcpus: 4,
    memoryMiB: 16384,
    diskGiB: 40,
    hostClass: 'g6',
    imageId: 'm-base',
    accountId: 'acct-1',
    ...overrides,
  };
}
