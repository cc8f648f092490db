import { CoalescingRunner } from './coalescing-runner';

describe('CoalescingRunner', () => {
  it('collapses requests made during a run into one more run, never overlapping', async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    let release: () => void = () => undefined;
    const runner = new CoalescingRunner(async () => {
      active++;
      maxActive = Math.max(maxActive, active);
      runs++;
      await new Promise<void>((resolve) => (release = resolve));
      active--;
    });
    runner.request();
    runner.request();
    runner.request();
    await Promise.resolve();
    release();
    await new Promise((resolve) => setImmediate(resolve));
    release();
    await runner.idle();
    expect([runs, maxActive]).toEqual([2, 1]);
  });

  it('run() resolves only after the run it asked for has finished', async () => {
    const seen: number[] = [];
    let value = 0;
    const runner = new CoalescingRunner(async () => {
      const read = value;
      await new Promise((resolve) => setImmediate(resolve));
      seen.push(read);
    });
    runner.request();
    value = 1;
    await runner.run();
    expect(seen).toEqual([0, 1]);
  });
});
