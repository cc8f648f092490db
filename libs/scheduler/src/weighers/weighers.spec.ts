import fc from 'fast-check';
import { allocatableMemoryMiB, allocatableVcpus, freeMemoryMiB, freeVcpus } from '../capacity/capacity';
import { hostsArb, requestArb } from '../testing/arbitraries';
import { makeHost, makeRequest } from '../testing/host-builder';
import { BinPackingWeigher } from './bin-packing.weigher';
import { BuildLoadWeigher } from './build-load.weigher';
import { FaultDomainSpreadWeigher } from './fault-domain-spread.weigher';
import { ImageCacheWeigher } from './image-cache.weigher';

describe('weighers', () => {
  describe('BinPackingWeigher', () => {
    const weigher = new BinPackingWeigher([{ vcpus: 2, memoryMiB: 4096 }]);
    const request = makeRequest({ vcpus: 2, memoryMiB: 4096 });
    const host = (usedVcpus: number, usedMemoryMiB: number) => makeHost({ vcpus: 16, memoryMiB: 32768, usedVcpus, usedMemoryMiB });

    it('prefers the fuller host', () => {
      expect(weigher.rawScore(host(8, 16384), request)).toBeGreaterThan(weigher.rawScore(host(2, 4096), request));
    });

    it('scores an exact fit highest', () => {
      expect(weigher.rawScore(host(14, 28672), request)).toBe(1);
    });

    it('prefers leaving a sellable remainder over stranding a sliver on a fuller host', () => {
      // 3 vCPU/6 GiB free would strand 1 vCPU/2 GiB; 4 vCPU/8 GiB free leaves one 2/4096 slot.
      expect(weigher.rawScore(host(12, 24576), request)).toBeGreaterThan(weigher.rawScore(host(13, 26624), request));
    });

    it('penalises a remainder whose CPU has no memory left to sell with it', () => {
      const balanced = weigher.rawScore(host(6, 12288), request);
      const cpuHeavy = weigher.rawScore(host(2, 20480), request);
      expect(balanced).toBeGreaterThan(cpuHeavy);
    });

    it('stays within the bounds the host index stops its search by', () => {
      const shapes = fc.array(fc.record({ vcpus: fc.integer({ min: 1, max: 8 }), memoryMiB: fc.constantFrom(1024, 4096, 16384) }), { maxLength: 3 });
      fc.assert(
        fc.property(shapes, requestArb, hostsArb, (commonShapes, request, hosts) => {
          const weigher = new BinPackingWeigher(commonShapes);
          for (const host of hosts) {
            const cpuShare = Math.max(freeVcpus(host) - request.vcpus, 0) / Math.max(allocatableVcpus(host), 1);
            const memoryShare = Math.max(freeMemoryMiB(host) - request.memoryMiB, 0) / Math.max(allocatableMemoryMiB(host), 1);
            const meanFreeShareAfter = (cpuShare + memoryShare) / 2;
            const score = weigher.rawScore(host, request);
            expect(score).toBeLessThanOrEqual(weigher.rawScoreCeiling(meanFreeShareAfter) + 1e-12);
            expect(score).toBeGreaterThanOrEqual(weigher.rawScoreFloor(meanFreeShareAfter) - 1e-12);
          }
        }),
        { numRuns: 300 },
      );
    });

    it('without common shapes is plain fill', () => {
      expect(new BinPackingWeigher([]).rawScore(host(8, 16384), request)).toBeCloseTo(1 - (6 / 16 + 12288 / 32768) / 2);
    });
  });

  it('FaultDomainSpreadWeigher prefers racks with fewer of the tenant instances', () => {
    const weigher = new FaultDomainSpreadWeigher();
    const request = makeRequest({ accountRackCounts: new Map([['r1', 3], ['r2', 1]]) });
    expect(weigher.rawScore(makeHost({ rack: 'r2' }), request)).toBeGreaterThan(weigher.rawScore(makeHost({ rack: 'r1' }), request));
    expect(weigher.rawScore(makeHost({ rack: 'r3' }), request)).toBeGreaterThan(weigher.rawScore(makeHost({ rack: 'r2' }), request));
  });

  it('ImageCacheWeigher prefers hosts holding the image', () => {
    const weigher = new ImageCacheWeigher();
    const request = makeRequest({ imageId: 'm-1' });
    expect(weigher.rawScore(makeHost({ cachedImageIds: new Set(['m-1']) }), request)).toBeGreaterThan(weigher.rawScore(makeHost(), request));
  });

  it('BuildLoadWeigher prefers hosts with fewer boots in flight', () => {
    const weigher = new BuildLoadWeigher();
    expect(weigher.rawScore(makeHost({ activeBuilds: 1 }), makeRequest())).toBeGreaterThan(weigher.rawScore(makeHost({ activeBuilds: 4 }), makeRequest()));
  });
});
