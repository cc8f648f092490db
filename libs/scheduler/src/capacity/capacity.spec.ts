import { makeHost } from '../testing/host-builder';
import { freeMemoryMiB, freeVcpus, instancesThatFit } from './capacity';
import { stockByZone, stockFor } from './stock';

const shape = { vcpus: 4, memoryMiB: 8192, diskGiB: 40, hostClass: 'g6' };

describe('capacity', () => {
  it('applies the allocation ratio before subtracting what is used, rounding down', () => {
    const host = makeHost({ vcpus: 3, cpuAllocationRatio: 1.5, usedVcpus: 2, memoryMiB: 1000, memoryAllocationRatio: 1.25, usedMemoryMiB: 100 });
    expect(freeVcpus(host)).toBe(2); // floor(4.5) - 2
    expect(freeMemoryMiB(host)).toBe(1150);
  });

  it('counts the copies the tightest dimension allows', () => {
    expect(instancesThatFit(makeHost({ vcpus: 64, memoryMiB: 16384, diskGiB: 2000 }), shape)).toBe(2);
    expect(instancesThatFit(makeHost({ vcpus: 64, memoryMiB: 262144, diskGiB: 100 }), shape)).toBe(2);
    expect(instancesThatFit(makeHost({ vcpus: 10, memoryMiB: 262144, diskGiB: 2000 }), shape)).toBe(2);
  });

  it('lets a disk-less shape fit only while the disk is not overdrawn', () => {
    const diskless = { ...shape, diskGiB: 0 };
    expect(instancesThatFit(makeHost({ vcpus: 8, memoryMiB: 65536 }), diskless)).toBe(2);
    expect(instancesThatFit(makeHost({ vcpus: 8, memoryMiB: 65536, diskGiB: 10, usedDiskGiB: 11 }), diskless)).toBe(0);
  });

  it('reports nothing free on a host whose ratio was lowered below its claims', () => {
    expect(instancesThatFit(makeHost({ vcpus: 8, usedVcpus: 12 }), shape)).toBe(0);
  });

  it('refuses a shape without vCPUs or memory', () => {
    expect(() => instancesThatFit(makeHost(), { ...shape, vcpus: 0 })).toThrow(RangeError);
  });
});

describe('stock', () => {
  const hosts = [
    makeHost({ hostId: 'a1', zoneId: 'za', vcpus: 16 }),
    makeHost({ hostId: 'a2', zoneId: 'za', vcpus: 8, usedVcpus: 4 }),
    makeHost({ hostId: 'a3', zoneId: 'za', vcpus: 16, enabled: false }),
    makeHost({ hostId: 'a4', zoneId: 'za', vcpus: 16, alive: false }),
    makeHost({ hostId: 'a5', zoneId: 'za', vcpus: 16, hostClass: 'c6' }),
    makeHost({ hostId: 'b1', zoneId: 'zb', vcpus: 32, activeBuilds: 99 }),
  ];

  it('sums what fits over schedulable hosts of the class, optionally in one zone', () => {
    expect(stockFor(shape, hosts, 'za')).toBe(5);
    expect(stockFor(shape, hosts, 'zb')).toBe(8);
    expect(stockFor(shape, hosts)).toBe(13);
    expect(stockFor(shape, hosts, 'zc')).toBe(0);
  });

  it('gives every zone in one pass the same numbers as per-zone calls', () => {
    expect(stockByZone(shape, hosts)).toEqual(new Map([['za', 5], ['zb', 8]]));
    expect(stockByZone({ ...shape, hostClass: 'c6' }, hosts)).toEqual(new Map([['za', 4]]));
  });
});
