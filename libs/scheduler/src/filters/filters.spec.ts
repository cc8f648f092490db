import { makeHost, makeRequest } from '../testing/host-builder';
import { CpuCapacityFilter } from './cpu-capacity.filter';
import { DeploymentSetSpreadFilter } from './deployment-set-spread.filter';
import { DiskCapacityFilter } from './disk-capacity.filter';
import { HostAvailableFilter } from './host-available.filter';
import { HostClassFilter } from './host-class.filter';
import { MaxConcurrentBuildsFilter } from './max-concurrent-builds.filter';
import { MemoryCapacityFilter } from './memory-capacity.filter';
import { ZoneFilter } from './zone.filter';

describe('filters', () => {
  it('ZoneFilter keeps the requested zone, or every zone when none is asked for', () => {
    const filter = new ZoneFilter();
    expect(filter.passes(makeHost({ zoneId: 'za' }), makeRequest({ zoneId: 'za' }))).toBe(true);
    expect(filter.passes(makeHost({ zoneId: 'zb' }), makeRequest({ zoneId: 'za' }))).toBe(false);
    expect(filter.passes(makeHost({ zoneId: 'zb' }), makeRequest({ zoneId: undefined }))).toBe(true);
  });

  it('ZoneFilter keeps only the zones a request may use (a type closed elsewhere)', () => {
    const filter = new ZoneFilter();
    const request = makeRequest({ zoneId: undefined, zoneIds: new Set(['za']) });
    expect(filter.passes(makeHost({ zoneId: 'za' }), request)).toBe(true);
    expect(filter.passes(makeHost({ zoneId: 'zb' }), request)).toBe(false);
  });

  it('HostAvailableFilter needs the host enabled and alive', () => {
    const filter = new HostAvailableFilter();
    expect(filter.passes(makeHost(), makeRequest())).toBe(true);
    expect(filter.passes(makeHost({ enabled: false }), makeRequest())).toBe(false);
    expect(filter.passes(makeHost({ alive: false }), makeRequest())).toBe(false);
  });

  it('CpuCapacityFilter counts overcommitted vCPUs and takes an exact fit', () => {
    const filter = new CpuCapacityFilter();
    const host = makeHost({ vcpus: 8, cpuAllocationRatio: 2, usedVcpus: 12 });
    expect(filter.passes(host, makeRequest({ vcpus: 4 }))).toBe(true);
    expect(filter.passes(host, makeRequest({ vcpus: 5 }))).toBe(false);
  });

  it('MemoryCapacityFilter uses the memory ratio', () => {
    const filter = new MemoryCapacityFilter();
    const host = makeHost({ memoryMiB: 16384, memoryAllocationRatio: 1, usedMemoryMiB: 8192 });
    expect(filter.passes(host, makeRequest({ memoryMiB: 8192 }))).toBe(true);
    expect(filter.passes(host, makeRequest({ memoryMiB: 8193 }))).toBe(false);
    expect(filter.passes({ ...host, memoryAllocationRatio: 1.5 }, makeRequest({ memoryMiB: 16384 }))).toBe(true);
  });

  it('DiskCapacityFilter never overcommits disk', () => {
    const filter = new DiskCapacityFilter();
    expect(filter.passes(makeHost({ diskGiB: 100, usedDiskGiB: 60 }), makeRequest({ diskGiB: 40 }))).toBe(true);
    expect(filter.passes(makeHost({ diskGiB: 100, usedDiskGiB: 61 }), makeRequest({ diskGiB: 40 }))).toBe(false);
  });

  it('HostClassFilter matches the family to its hardware', () => {
    const filter = new HostClassFilter();
    expect(filter.passes(makeHost({ hostClass: 'g6' }), makeRequest({ hostClass: 'g6' }))).toBe(true);
    expect(filter.passes(makeHost({ hostClass: 'c6' }), makeRequest({ hostClass: 'g6' }))).toBe(false);
  });

  it('DeploymentSetSpreadFilter keeps hosts without a member of the set', () => {
    const filter = new DeploymentSetSpreadFilter();
    const request = makeRequest({ deploymentSetHostIds: new Set(['h-1']) });
    expect(filter.passes(makeHost({ hostId: 'h-1' }), request)).toBe(false);
    expect(filter.passes(makeHost({ hostId: 'h-2' }), request)).toBe(true);
    expect(filter.passes(makeHost({ hostId: 'h-1' }), makeRequest())).toBe(true);
  });

  it('MaxConcurrentBuildsFilter stops at the configured limit', () => {
    const filter = new MaxConcurrentBuildsFilter(3);
    expect(filter.passes(makeHost({ activeBuilds: 2 }), makeRequest())).toBe(true);
    expect(filter.passes(makeHost({ activeBuilds: 3 }), makeRequest())).toBe(false);
  });
});
