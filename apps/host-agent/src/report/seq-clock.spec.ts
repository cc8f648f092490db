import { SeqClock } from './seq-clock';

describe('SeqClock', () => {
  it('follows the microsecond clock', () => {
    let now = 1_000_000;
    const clock = new SeqClock(() => now);
    expect(clock.next()).toBe(1_000_000);
    now = 1_000_250.7;
    expect(clock.next()).toBe(1_000_250);
  });

  it('keeps increasing when events share a tick or the clock steps back', () => {
    let now = 5_000;
    const clock = new SeqClock(() => now);
    expect([clock.next(), clock.next(), clock.next()]).toEqual([5_000, 5_001, 5_002]);
    now = 4_000;
    expect(clock.next()).toBe(5_003);
  });

  it('starts a new life above the previous one once the wall clock has moved on', () => {
    let now = 10_000;
    const before = new SeqClock(() => now);
    const last = Math.max(before.next(), before.next());
    now += 1_000;
    expect(new SeqClock(() => now).next()).toBeGreaterThan(last);
  });
});
