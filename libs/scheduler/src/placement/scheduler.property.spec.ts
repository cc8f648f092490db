import fc from 'fast-check';
import { instancesThatFit } from '../capacity/capacity';
import { stockFor } from '../capacity/stock';
import { FILTER_REGISTRY, WEIGHER_REGISTRY, type FilterName, type WeigherName } from '../config/registry';
import { defaultSchedulerConfig, type SchedulerConfig } from '../config/scheduler-config';
import { CpuCapacityFilter } from '../filters/cpu-capacity.filter';
import { DiskCapacityFilter } from '../filters/disk-capacity.filter';
import { MemoryCapacityFilter } from '../filters/memory-capacity.filter';
import type { HostState, PlacementRequest } from '../host-state';
import { configArb, hostsArb, requestArb } from '../testing/arbitraries';
import { Scheduler } from './scheduler';

/** The obvious, slow reference: filter with arrays, weigh every host, sort everything. */
function referencePlacement(config: SchedulerConfig, request: PlacementRequest, hosts: readonly HostState[]): string[] {
  const filters = config.filters.map((name) => FILTER_REGISTRY[name as FilterName](config));
  const passing = hosts.filter((h) => filters.every((f) => f.passes(h, request)));
  const totals = new Map<HostState, number>(passing.map((h) => [h, 0]));
  for (const [name, weight] of Object.entries(config.weights)) {
    if (weight === 0) continue;
    const weigher = WEIGHER_REGISTRY[name as WeigherName](config);
    const raw = passing.map((h) => weigher.rawScore(h, request));
    const min = Math.min(...raw);
    const range = Math.max(...raw) - min;
    if (!(range > 0)) continue;
    const scale = weight / range;
    passing.forEach((h, j) => totals.set(h, totals.get(h)! + (raw[j] - min) * scale));
  }
  return [...passing]
    .sort((a, b) => totals.get(b)! - totals.get(a)! || (a.hostId < b.hostId ? -1 : a.hostId > b.hostId ? 1 : 0))
    .slice(0, config.candidateLimit)
    .map((h) => h.hostId);
}

describe('Scheduler properties', () => {
  it('a chosen host always passes every filter and has room for the request', () => {
    fc.assert(
      fc.property(configArb, requestArb, hostsArb, (config, request, hosts) => {
        const decision = new Scheduler(config).place(request, hosts);
        if (!decision.ok) return;
        const filters = config.filters.map((name) => FILTER_REGISTRY[name as FilterName](config));
        for (const host of decision.candidates) {
          expect(instancesThatFit(host, request)).toBeGreaterThanOrEqual(1);
          expect(filters.every((f) => f.passes(host, request))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('fails only when no host passes, charging each host to the first filter it fails', () => {
    fc.assert(
      fc.property(configArb, requestArb, hostsArb, (config, request, hosts) => {
        const filters = config.filters.map((name) => FILTER_REGISTRY[name as FilterName](config));
        const passing = hosts.filter((h) => filters.every((f) => f.passes(h, request)));
        const decision = new Scheduler(config).place(request, hosts);
        if (passing.length > 0) {
          expect(decision.ok && decision.candidates.length).toBe(Math.min(config.candidateLimit, passing.length));
          return;
        }
        expect(decision.ok).toBe(false);
        if (decision.ok) return;
        const expected = filters.map((filter) => ({ filter: filter.name, removed: 0 }));
        for (const host of hosts) expected[filters.findIndex((f) => !f.passes(host, request))].removed++;
        expect(decision.removedByFilter).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('orders hosts exactly as a full sort by weighted score, ties by hostId', () => {
    fc.assert(
      fc.property(configArb, requestArb, hostsArb, (config, request, hosts) => {
        const decision = new Scheduler(config).place(request, hosts);
        const got = decision.ok ? decision.candidates.map((h) => h.hostId) : [];
        expect(got).toEqual(referencePlacement(config, request, hosts));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same answer whatever order the hosts arrive in', () => {
    fc.assert(
      fc.property(configArb, requestArb, hostsArb.chain((h) => fc.tuple(fc.constant(h), fc.shuffledSubarray(h, { minLength: h.length }))), (config, request, [hosts, shuffled]) => {
        const scheduler = new Scheduler(config);
        const a = scheduler.place(request, hosts);
        const b = scheduler.place(request, shuffled);
        expect(b.ok && b.candidates.map((h) => h.hostId)).toEqual(a.ok && a.candidates.map((h) => h.hostId));
      }),
      { numRuns: 200 },
    );
  });

  it('puts hosts holding the image first when only the image weigher counts, last when its weight is negative', () => {
    fc.assert(
      fc.property(requestArb, hostsArb, fc.constantFrom(1, -1), (request, hosts, sign) => {
        const config = { ...defaultSchedulerConfig, weights: { ImageCacheWeigher: sign }, candidateLimit: 1000, maxConcurrentBuilds: 100 };
        const decision = new Scheduler(config).place(request, hosts);
        if (!decision.ok) return;
        const cached = decision.candidates.map((h) => h.cachedImageIds.has(request.imageId));
        const expected = [...cached].sort((a, b) => (a === b ? 0 : a === (sign > 0) ? -1 : 1));
        expect(cached).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('a host has stock for a shape exactly when the capacity filters pass it', () => {
    const capacityFilters = [new CpuCapacityFilter(), new MemoryCapacityFilter(), new DiskCapacityFilter()];
    fc.assert(
      fc.property(requestArb, hostsArb, (request, hosts) => {
        for (const host of hosts) {
          expect(instancesThatFit(host, request) >= 1).toBe(capacityFilters.every((f) => f.passes(host, request)));
        }
        const schedulable = hosts.filter((h) => h.enabled && h.alive && h.hostClass === request.hostClass && (request.zoneId === undefined || h.zoneId === request.zoneId));
        expect(stockFor(request, hosts, request.zoneId)).toBe(schedulable.reduce((sum, h) => sum + instancesThatFit(h, request), 0));
      }),
      { numRuns: 200 },
    );
  });
});
