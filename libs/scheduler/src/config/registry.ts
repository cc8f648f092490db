import { CpuCapacityFilter } from '../filters/cpu-capacity.filter';
import { DeploymentSetSpreadFilter } from '../filters/deployment-set-spread.filter';
import { DiskCapacityFilter } from '../filters/disk-capacity.filter';
import type { HostFilter } from '../filters/host-filter';
import { HostAvailableFilter } from '../filters/host-available.filter';
import { HostClassFilter } from '../filters/host-class.filter';
import { MaxConcurrentBuildsFilter } from '../filters/max-concurrent-builds.filter';
import { MemoryCapacityFilter } from '../filters/memory-capacity.filter';
import { ZoneFilter } from '../filters/zone.filter';
import { BinPackingWeigher } from '../weighers/bin-packing.weigher';
import { BuildLoadWeigher } from '../weighers/build-load.weigher';
import { FaultDomainSpreadWeigher } from '../weighers/fault-domain-spread.weigher';
import { ImageCacheWeigher } from '../weighers/image-cache.weigher';
import type { HostWeigher } from '../weighers/host-weigher';
import type { SchedulerConfig } from './scheduler-config';

/** Config names → filter classes. A name in config that is not here fails at construction. */
export const FILTER_REGISTRY = {
  ZoneFilter: () => new ZoneFilter(),
  HostAvailableFilter: () => new HostAvailableFilter(),
  CpuCapacityFilter: () => new CpuCapacityFilter(),
  MemoryCapacityFilter: () => new MemoryCapacityFilter(),
  DiskCapacityFilter: () => new DiskCapacityFilter(),
  HostClassFilter: () => new HostClassFilter(),
  DeploymentSetSpreadFilter: () => new DeploymentSetSpreadFilter(),
  MaxConcurrentBuildsFilter: (config) => new MaxConcurrentBuildsFilter(config.maxConcurrentBuilds),
} as const satisfies Record<string, (config: SchedulerConfig) => HostFilter>;

/** Config names → weigher classes. */
export const WEIGHER_REGISTRY = {
  BinPackingWeigher: (config) => new BinPackingWeigher(config.commonShapes),
  FaultDomainSpreadWeigher: () => new FaultDomainSpreadWeigher(),
  ImageCacheWeigher: () => new ImageCacheWeigher(),
  BuildLoadWeigher: () => new BuildLoadWeigher(),
} as const satisfies Record<string, (config: SchedulerConfig) => HostWeigher>;

export type FilterName = keyof typeof FILTER_REGISTRY;
export type WeigherName = keyof typeof WEIGHER_REGISTRY;

export function isFilterName(name: string): name is FilterName {
  return Object.prototype.hasOwnProperty.call(FILTER_REGISTRY, name);
}

export function isWeigherName(name: string): name is WeigherName {
  return Object.prototype.hasOwnProperty.call(WEIGHER_REGISTRY, name);
}
