/** One host as the scheduler sees it: a snapshot of the capacity ledger row plus liveness. */
export interface HostState {
  readonly hostId: string;
  readonly zoneId: string;
  /** The fault domain: hosts in one rack share power and a top-of-rack switch. */
  readonly rack: string;
  readonly hostClass: string;
  /** Operators take a host out of placement without draining it. */
  readonly enabled: boolean;
  /** Its agent holds a live registration (ephemeral node). */
  readonly alive: boolean;
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly diskGiB: number;
  readonly usedVcpus: number;
  readonly usedMemoryMiB: number;
  readonly usedDiskGiB: number;
  readonly cpuAllocationRatio: number;
  readonly memoryAllocationRatio: number;
  /** Instances claimed on this host whose first boot has not finished yet. */
  readonly activeBuilds: number;
  readonly cachedImageIds: ReadonlySet<string>;
}

/** The resources one instance takes, and the class of host its family runs on. */
export interface InstanceShape {
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly diskGiB: number;
  readonly hostClass: string;
}

export interface PlacementRequest extends InstanceShape {
  /** Unset: any zone of the region. */
  readonly zoneId?: string;
  /** The zones the request may use at all (e.g. where its type is on sale); unset: every zone. */
  readonly zoneIds?: ReadonlySet<string>;
  readonly imageId: string;
  readonly accountId: string;
  /** Hosts already holding a member of the request's deployment set (Availability strategy). */
  readonly deploymentSetHostIds?: ReadonlySet<string>;
  /** This tenant's instances per rack, so a tenant spreads across fault domains. */
  readonly accountRackCounts?: ReadonlyMap<string, number>;
}
