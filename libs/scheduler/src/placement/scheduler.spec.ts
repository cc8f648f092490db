import { defaultSchedulerConfig, type SchedulerConfig } from '../config/scheduler-config';
import type { HostState } from '../host-state';
import { makeHost, makeRequest } from '../testing/host-builder';
import { Scheduler, SchedulerConfigError } from './scheduler';

const onlyWeights = (weights: Record<string, number>, overrides: Partial<SchedulerConfig> = {}): SchedulerConfig => ({
  ...defaultSchedulerConfig,
  weights,
  ...overrides,
});

const ids = (hosts: readonly HostState[]) => hosts.map((h) => h.hostId);

describe('Scheduler', () => {
  describe('construction', () => {
    it('rejects an unknown filter name and lists the known ones', () => {
      expect(() => new Scheduler({ ...defaultSchedulerConfig, filters: ['ZoneFilter', 'RamFilter'] })).toThrow(
        /unknown scheduler filter "RamFilter"; known: ZoneFilter, HostAvailableFilter/,
      );
    });

    it('rejects an unknown weigher, a filter listed twice and a non-finite weight', () => {
      expect(() => new Scheduler(onlyWeights({ RackWeigher: 1 }))).toThrow(SchedulerConfigError);
      expect(() => new Scheduler({ ...defaultSchedulerConfig, filters: ['ZoneFilter', 'ZoneFilter'] })).toThrow(/listed twice/);
      expect(() => new Scheduler(onlyWeights({ BinPackingWeigher: Number.NaN }))).toThrow(/finite/);
    });

    it('rejects limits that are not positive integers and empty common shapes', () => {
      expect(() => new Scheduler({ ...defaultSchedulerConfig, candidateLimit: 0 })).toThrow(/candidateLimit/);
      expect(() => new Scheduler({ ...defaultSchedulerConfig, maxConcurrentBuilds: 1.5 })).toThrow(/maxConcurrentBuilds/);
      expect(() => new Scheduler({ ...defaultSchedulerConfig, sampleSize: 0 })).toThrow(/sampleSize/);
      expect(() => new Scheduler({ ...defaultSchedulerConfig, commonShapes: [{ vcpus: 0, memoryMiB: 1024 }] })).toThrow(/common shape/);
    });
  });

  describe('a failed placement', () => {
    it('says how many hosts each filter removed, narrowing as it goes', () => {
      const hosts = [
        ...Array.from({ length: 12 }, (_, i) => makeHost({ hostId: `other-${i}`, zoneId: 'cn-hangzhou-b' })),
        makeHost({ hostId: 'full-1', usedVcpus: 62 }),
        makeHost({ hostId: 'full-2', usedVcpus: 61 }),
        makeHost({ hostId: 'full-3', usedVcpus: 64 }),
        makeHost({ hostId: 'no-memory', usedMemoryMiB: 262144 }),
      ];
      const decision = new Scheduler(defaultSchedulerConfig).place(makeRequest(), hosts);
      expect(decision).toEqual({
        ok: false,
        removedByFilter: [
          { filter: 'ZoneFilter', removed: 12 },
          { filter: 'HostAvailableFilter', removed: 0 },
          { filter: 'HostClassFilter', removed: 0 },
          { filter: 'CpuCapacityFilter', removed: 3 },
          { filter: 'MemoryCapacityFilter', removed: 1 },
          { filter: 'DiskCapacityFilter', removed: 0 },
          { filter: 'DeploymentSetSpreadFilter', removed: 0 },
          { filter: 'MaxConcurrentBuildsFilter', removed: 0 },
        ],
        message:
          'no host can take 4 vCPU/16384 MiB in cn-hangzhou-a: ZoneFilter removed 12 of 16 hosts, ' +
          'CpuCapacityFilter removed 3 of 4 remaining, MemoryCapacityFilter removed 1 of 1 remaining',
      });
    });

    it('says so when there are no hosts at all, and leaves the zone out when none was asked for', () => {
      const decision = new Scheduler(defaultSchedulerConfig).place(makeRequest({ zoneId: undefined }), []);
      expect(decision.ok).toBe(false);
      expect(!decision.ok && decision.message).toBe('no host can take 4 vCPU/16384 MiB: no hosts are available');
    });

    it('applies the filters in the configured order', () => {
      const hosts = [makeHost({ hostId: 'a', zoneId: 'zb', usedVcpus: 64 })];
      const reordered = new Scheduler({ ...defaultSchedulerConfig, filters: ['CpuCapacityFilter', 'ZoneFilter'] });
      const decision = reordered.place(makeRequest(), hosts);
      expect(!decision.ok && decision.removedByFilter).toEqual([
        { filter: 'CpuCapacityFilter', removed: 1 },
        { filter: 'ZoneFilter', removed: 0 },
      ]);
    });
  });

  describe('a successful placement', () => {
    it('returns at most candidateLimit hosts, best first', () => {
      const hosts = Array.from({ length: 8 }, (_, i) => makeHost({ hostId: `h-${i}`, usedVcpus: i * 4, usedMemoryMiB: i * 16384 }));
      const decision = new Scheduler(onlyWeights({ BinPackingWeigher: 1 }, { candidateLimit: 3 })).place(makeRequest(), hosts);
      expect(decision.ok && ids(decision.candidates)).toEqual(['h-7', 'h-6', 'h-5']);
    });

    it('breaks ties by hostId whatever the input order', () => {
      const hosts = ['h-c', 'h-a', 'h-b'].map((hostId) => makeHost({ hostId }));
      const scheduler = new Scheduler(defaultSchedulerConfig);
      expect(ids((scheduler.place(makeRequest(), hosts) as { candidates: HostState[] }).candidates)).toEqual(['h-a', 'h-b', 'h-c']);
      expect(ids((scheduler.place(makeRequest(), [...hosts].reverse()) as { candidates: HostState[] }).candidates)).toEqual(['h-a', 'h-b', 'h-c']);
    });

    it('follows the configured weights: the heavier preference wins', () => {
      const cached = makeHost({ hostId: 'cached', cachedImageIds: new Set(['m-base']) });
      const fuller = makeHost({ hostId: 'fuller', usedVcpus: 32, usedMemoryMiB: 131072 });
      const request = makeRequest();
      const imageFirst = new Scheduler(onlyWeights({ BinPackingWeigher: 1, ImageCacheWeigher: 2 })).place(request, [cached, fuller]);
      const packingFirst = new Scheduler(onlyWeights({ BinPackingWeigher: 2, ImageCacheWeigher: 1 })).place(request, [cached, fuller]);
      expect(imageFirst.ok && ids(imageFirst.candidates)).toEqual(['cached', 'fuller']);
      expect(packingFirst.ok && ids(packingFirst.candidates)).toEqual(['fuller', 'cached']);
    });

    it('reverses a preference under a negative weight (spread instead of pack)', () => {
      const hosts = [makeHost({ hostId: 'empty' }), makeHost({ hostId: 'busy', usedVcpus: 48, usedMemoryMiB: 196608 })];
      const spread = new Scheduler(onlyWeights({ BinPackingWeigher: -1 })).place(makeRequest(), hosts);
      expect(spread.ok && ids(spread.candidates)).toEqual(['empty', 'busy']);
    });

    it('reuses its scratch space across calls of different sizes', () => {
      const scheduler = new Scheduler(onlyWeights({ BinPackingWeigher: 1 }, { commonShapes: [] }));
      const many = Array.from({ length: 50 }, (_, i) => makeHost({ hostId: `h-${String(i).padStart(2, '0')}`, usedVcpus: i }));
      const first = scheduler.place(makeRequest(), many);
      const few = scheduler.place(makeRequest(), many.slice(0, 2));
      expect(first.ok && first.candidates[0].hostId).toBe('h-49');
      expect(few.ok && ids(few.candidates)).toEqual(['h-01', 'h-00']);
    });
  });
});
