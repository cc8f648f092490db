import fc from 'fast-check';
import { WEIGHER_REGISTRY, type WeigherName } from '../config/registry';
import { defaultSchedulerConfig, type SchedulerConfig } from '../config/scheduler-config';
import type { HostState, PlacementRequest } from '../host-state';

/** Spec support: fast-check arbitraries for hosts, requests and scheduler configs. */
const ZONES = ['za', 'zb'];
const RACKS = ['r1', 'r2', 'r3'];
const CLASSES = ['g6', 'c6'];
const IMAGES = ['m-1', 'm-2'];

const mostlyTrue = fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: fc.constant(false), weight: 1 });

const hostArb: fc.Arbitrary<Omit<HostState, 'hostId'>> = fc
  .record({
    zoneId: fc.constantFrom(...ZONES),
    rack: fc.constantFrom(...RACKS),
    hostClass: fc.constantFrom(...CLASSES),
    enabled: mostlyTrue,
    alive: mostlyTrue,
    vcpus: fc.constantFrom(8, 16, 32, 64),
    memoryGiB: fc.constantFrom(16, 64, 256),
    diskGiB: fc.constantFrom(100, 500),
    cpuUse: fc.double({ min: 0, max: 1.1, noNaN: true }),
    memoryUse: fc.double({ min: 0, max: 1.1, noNaN: true }),
    diskUse: fc.double({ min: 0, max: 1.1, noNaN: true }),
    cpuAllocationRatio: fc.constantFrom(1, 1.5, 2),
    memoryAllocationRatio: fc.constantFrom(1, 1.2),
    activeBuilds: fc.integer({ min: 0, max: 12 }),
    cachedImageIds: fc.subarray(IMAGES).map((a) => new Set(a)),
  })
  .map(({ memoryGiB, cpuUse, memoryUse, diskUse, ...h }) => ({
    ...h,
    memoryMiB: memoryGiB * 1024,
    usedVcpus: Math.floor(h.vcpus * h.cpuAllocationRatio * cpuUse),
    usedMemoryMiB: Math.floor(memoryGiB * 1024 * h.memoryAllocationRatio * memoryUse),
    usedDiskGiB: Math.floor(h.diskGiB * diskUse),
  }));

function withIds(rows: readonly (readonly [number, Omit<HostState, 'hostId'>])[]): HostState[] {
  return rows.map(([id, h]) => ({ hostId: `h-${String(id).padStart(3, '0')}`, ...h }));
}

/** Up to 40 hosts of assorted shapes, ratios and usage: nearly every host is a cell of its own. */
export const hostsArb: fc.Arbitrary<HostState[]> = fc
  .uniqueArray(fc.tuple(fc.integer({ min: 0, max: 999 }), hostArb), { selector: ([id]) => id, maxLength: 40 })
  .map(withIds);

const mostly = <T>(usual: T, other: T) => fc.oneof({ arbitrary: fc.constant(usual), weight: 4 }, { arbitrary: fc.constant(other), weight: 1 });

/**
 * 40 to 300 hosts, mostly in one zone and class, of two hardware shapes whose usage comes in eighths
 * of the host, as a real fleet's comes in instance sizes: many hosts pass a request and many share a capacity
 * cell, so indexed placement has to sample and to choose within cells.
 */
export const fleetArb: fc.Arbitrary<HostState[]> = fc
  .uniqueArray(
    fc.tuple(
      fc.integer({ min: 0, max: 999 }),
      fc.record({
        zoneId: mostly(ZONES[0], ZONES[1]),
        rack: fc.constantFrom(...RACKS),
        hostClass: mostly(CLASSES[0], CLASSES[1]),
        enabled: mostly(true, false),
        alive: mostly(true, false),
        hardware: fc.constantFrom({ vcpus: 16, memoryMiB: 65536 }, { vcpus: 32, memoryMiB: 131072 }),
        cpuEighths: fc.integer({ min: 0, max: 8 }),
        memoryEighths: fc.integer({ min: 0, max: 8 }),
        usedDiskGiB: mostly(0, 450),
        activeBuilds: mostly(0, 3),
        cachedImageIds: fc.subarray(IMAGES).map((a) => new Set(a)),
      }),
    ),
    { selector: ([id]) => id, minLength: 40, maxLength: 300 },
  )
  .map((rows) =>
    withIds(
      rows.map(([id, { hardware, cpuEighths, memoryEighths, ...h }]) => [
        id,
        {
          ...h,
          ...hardware,
          diskGiB: 500,
          cpuAllocationRatio: 1,
          memoryAllocationRatio: 1,
          usedVcpus: (hardware.vcpus / 8) * cpuEighths,
          usedMemoryMiB: (hardware.memoryMiB / 8) * memoryEighths,
        },
      ]),
    ),
  );

export const requestArb: fc.Arbitrary<PlacementRequest> = fc.record(
  {
    zoneId: fc.constantFrom(...ZONES),
    vcpus: fc.constantFrom(1, 2, 4, 8, 16),
    memoryMiB: fc.constantFrom(1024, 4096, 16384, 65536),
    diskGiB: fc.constantFrom(0, 20, 100),
    hostClass: fc.constantFrom(...CLASSES),
    imageId: fc.constantFrom(...IMAGES),
    accountId: fc.constant('acct-1'),
    deploymentSetHostIds: fc.uniqueArray(fc.integer({ min: 0, max: 999 }), { maxLength: 10 }).map((a) => new Set(a.map((n) => `h-${String(n).padStart(3, '0')}`))),
    accountRackCounts: fc.dictionary(fc.constantFrom(...RACKS), fc.nat(5)).map((d) => new Map(Object.entries(d))),
  },
  { requiredKeys: ['vcpus', 'memoryMiB', 'diskGiB', 'hostClass', 'imageId', 'accountId'] },
);

/** `requestArb` aimed mostly where `fleetArb` puts most hosts. */
export const fleetRequestArb: fc.Arbitrary<PlacementRequest> = fc
  .tuple(requestArb, mostly(ZONES[0], ZONES[1]), mostly(CLASSES[0], CLASSES[1]))
  .map(([request, zoneId, hostClass]) => ({ ...request, zoneId, hostClass }));

const weightsArb = fc.record(
  Object.fromEntries(Object.keys(WEIGHER_REGISTRY).map((name) => [name, fc.constantFrom(-1, 0, 0.25, 1, 3)])) as Record<WeigherName, fc.Arbitrary<number>>,
);

export const configArb: fc.Arbitrary<SchedulerConfig> = fc
  .record({
    weights: weightsArb,
    candidateLimit: fc.integer({ min: 1, max: 8 }),
    maxConcurrentBuilds: fc.integer({ min: 1, max: 12 }),
  })
  .map((c) => ({ ...defaultSchedulerConfig, ...c }));

/** `configArb` with any subset of the filters in any order, and samples from 1 host up. */
export const indexedConfigArb: fc.Arbitrary<SchedulerConfig> = fc
  .record({
    base: configArb,
    filters: fc.shuffledSubarray([...defaultSchedulerConfig.filters], { minLength: 1 }),
    sampleSize: fc.integer({ min: 1, max: 12 }),
  })
  .map(({ base, filters, sampleSize }) => ({ ...base, filters, sampleSize }));
