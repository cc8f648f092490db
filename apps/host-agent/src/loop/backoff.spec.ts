import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles from the initial delay up to the cap', () => {
    const options = { initialMs: 100, maxMs: 1000 };
    expect([1, 2, 3, 4, 5, 30].map((failures) => backoffDelay(failures, options))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('honours a custom multiplier', () => {
    expect(backoffDelay(3, { initialMs: 10, maxMs: 10_000, multiplier: 10 })).toBe(1000);
  });

  it('takes up to the jitter fraction off at random', () => {
    const options = { initialMs: 1000, maxMs: 1000, jitter: 0.5 };
    expect(backoffDelay(1, options, () => 0)).toBe(1000);
    expect(backoffDelay(1, options, () => 0.5)).toBe(750);
    expect(backoffDelay(1, options, () => 0.9)).toBe(550);
  });
});
