import fc from 'fast-check';
import { FILTER_REGISTRY, type FilterName } from '../config/registry';
import { defaultSchedulerConfig, type SchedulerConfig } from '../config/scheduler-config';
import type { HostState, PlacementRequest } from '../host-state';
import { HostIndex } from '../index/host-index';
import { configArb, fleetArb, fleetRequestArb, hostsArb, indexedConfigArb, requestArb } from '../testing/arbitraries';
import { BinPackingWeigher } from '../weighers/bin-packing.weigher';
import { Scheduler } from './scheduler';

function indexOf(hosts: readonly HostState[]): HostIndex {
  const index = new HostIndex();
  for (const host of hosts) index.upsert(host);
  return index;
}

function passing(config: SchedulerConfig, request: PlacementRequest, hosts: readonly HostState[]): HostState[] {
  const filters = config.filters.map((name) => FILTER_REGISTRY[name as FilterName](config));
  return hosts.filter((h) => filters.every((f) => f.passes(h, request)));
}

const ids = (hosts: readonly HostState[]) => hosts.map((h) => h.hostId);
/** Assorted hosts (mostly one per cell, few passing) or a fleet (shared cells, many passing). */
const scenarioArb = fc.oneof(fc.tuple(requestArb, hostsArb), fc.tuple(fleetRequestArb, fleetArb));
const packing = new BinPackingWeigher(defaultSchedulerConfig.commonShapes);

describe('indexed placement', () => {
  it('chooses only hosts that pass every filter', () => {
    fc.assert(
      fc.property(indexedConfigArb, scenarioArb, (config, [request, hosts]) => {
        const decision = new Scheduler(config).placeIndexed(request, indexOf(hosts));
        if (!decision.ok) return;
        const filters = config.filters.map((name) => FILTER_REGISTRY[name as FilterName](config));
        expect(decision.candidates.length).toBeGreaterThan(0);
        for (const host of decision.candidates) expect(filters.map((f) => f.passes(host, request))).not.toContain(false);
      }),
      { numRuns: 400 },
    );
  });

  it('gives exactly the full scan\'s answer when no more hosts pass than it samples', () => {
    fc.assert(
      fc.property(indexedConfigArb, scenarioArb, (config, [request, hosts]) => {
        fc.pre(passing(config, request, hosts).length <= Math.max(config.sampleSize, config.candidateLimit));
        const scheduler = new Scheduler(config);
        const exact = scheduler.place(request, hosts);
        const indexed = scheduler.placeIndexed(request, indexOf(hosts));
        expect(indexed.ok && ids(indexed.candidates)).toEqual(exact.ok && ids(exact.candidates));
      }),
      { numRuns: 400 },
    );
  });

  it('fails exactly when the full scan fails, with the same count per filter and message', () => {
    fc.assert(
      fc.property(indexedConfigArb, scenarioArb, (config, [request, hosts]) => {
        const scheduler = new Scheduler(config);
        const exact = scheduler.place(request, hosts);
        const indexed = scheduler.placeIndexed(request, indexOf(hosts));
        expect(indexed.ok).toBe(exact.ok);
        if (!exact.ok) expect(indexed).toEqual(exact);
      }),
      { numRuns: 400 },
    );
  });

  it('never misses the best fit when packing is the only preference, nor the emptiest host when spreading', () => {
    fc.assert(
      fc.property(fleetRequestArb, fleetArb, fc.integer({ min: 1, max: 6 }), fc.constantFrom(1, -1), (request, hosts, sampleSize, sign) => {
        const config = { ...defaultSchedulerConfig, weights: { BinPackingWeigher: sign }, candidateLimit: 1, sampleSize };
        const scheduler = new Scheduler(config);
        const exact = scheduler.place(request, hosts);
        const indexed = scheduler.placeIndexed(request, indexOf(hosts));
        if (!exact.ok || !indexed.ok) return;
        expect(packing.rawScore(indexed.candidates[0], request)).toBeCloseTo(packing.rawScore(exact.candidates[0], request), 9);
      }),
      { numRuns: 400 },
    );
  });

  it('with every weigher on, chooses among the sample-size best fits of all passing hosts', () => {
    fc.assert(
      fc.property(configArb, fleetRequestArb, fleetArb, fc.integer({ min: 1, max: 6 }), (base, request, hosts, sampleSize) => {
        const config = { ...base, weights: { ...base.weights, BinPackingWeigher: 1 }, sampleSize: Math.max(sampleSize, base.candidateLimit) };
        const decision = new Scheduler(config).placeIndexed(request, indexOf(hosts));
        if (!decision.ok) return;
        const chosen = packing.rawScore(decision.candidates[0], request);
        const better = passing(config, request, hosts).filter((h) => packing.rawScore(h, request) > chosen + 1e-9);
        expect(better.length).toBeLessThan(config.sampleSize);
      }),
      { numRuns: 400 },
    );
  });

  it('keeps agreeing with the full scan while decisions are claimed into the index', () => {
    fc.assert(
      fc.property(configArb, fleetArb, fc.array(fleetRequestArb, { maxLength: 25 }), (base, hosts, requests) => {
        const config = { ...base, sampleSize: 1000 };
        const scheduler = new Scheduler(config);
        const index = indexOf(hosts);
        const ledger = new Map(hosts.map((h) => [h.hostId, h]));
        for (const request of requests) {
          const exact = scheduler.place(request, [...ledger.values()]);
          const indexed = scheduler.placeIndexed(request, index);
          expect(indexed.ok && ids(indexed.candidates)).toEqual(exact.ok && ids(exact.candidates));
          if (!indexed.ok) continue;
          const chosen = indexed.candidates[0];
          ledger.set(chosen.hostId, { ...chosen, usedVcpus: chosen.usedVcpus + request.vcpus, usedMemoryMiB: chosen.usedMemoryMiB + request.memoryMiB, usedDiskGiB: chosen.usedDiskGiB + request.diskGiB });
          index.claim(chosen.hostId, request);
        }
      }),
      { numRuns: 150 },
    );
  });
});
