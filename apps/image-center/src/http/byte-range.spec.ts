import fc from 'fast-check';
import { parseRange } from './byte-range';

describe('parseRange', () => {
  it('reads the three single-range forms', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ kind: 'range', range: { start: 0, end: 99 } });
    expect(parseRange('bytes=900-', 1000)).toEqual({ kind: 'range', range: { start: 900, end: 999 } });
    expect(parseRange('bytes=-100', 1000)).toEqual({ kind: 'range', range: { start: 900, end: 999 } });
    expect(parseRange('bytes=-5000', 1000)).toEqual({ kind: 'range', range: { start: 0, end: 999 } });
    expect(parseRange('bytes=990-5000', 1000)).toEqual({ kind: 'range', range: { start: 990, end: 999 } });
  });

  it('answers the whole blob for no range, other units and multiple ranges', () => {
    for (const header of [undefined, 'items=0-1', 'bytes=0-1,5-6', 'bytes=-', 'garbage']) expect(parseRange(header, 1000)).toEqual({ kind: 'whole' });
  });

  it('calls ranges past the end or reversed unsatisfiable', () => {
    for (const header of ['bytes=1000-', 'bytes=1000-2000', 'bytes=50-10', 'bytes=-0']) expect(parseRange(header, 1000)).toEqual({ kind: 'unsatisfiable' });
  });

  it('always yields a range inside the blob', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.nat(2e6), fc.nat(2e6), (size, a, b) => {
        const answer = parseRange(`bytes=${a}-${b}`, size);
        if (answer.kind === 'range') {
          expect(answer.range.start).toBeLessThanOrEqual(answer.range.end);
          expect(answer.range.end).toBeLessThan(size);
        }
      }),
    );
  });
});
