import { runKeyOrderedBatch, type BatchRecord } from './key-ordered-batch';

function records(keys: string[]): BatchRecord<string>[] {
  return keys.map((key, n) => ({ offset: String(100 + n), key, value: `${key}@${100 + n}` }));
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('runKeyOrderedBatch', () => {
  const quiet = { shouldStop: () => false, afterEach: async () => undefined };

  it('runs each key in offset order while different keys overlap, up to the concurrency', async () => {
    const seen: string[] = [];
    let running = 0;
    let peak = 0;
    const outcome = await runKeyOrderedBatch(records(['a', 'b', 'a', 'c', 'b', 'a', 'd', 'c']), {
      ...quiet,
      concurrency: 3,
      handle: async (value) => {
        peak = Math.max(peak, ++running);
        await tick();
        seen.push(value);
        running--;
      },
    });
    expect(outcome).toEqual({ handledThrough: '107', failed: undefined });
    expect(peak).toBe(3);
    for (const key of ['a', 'b', 'c', 'd']) {
      const ofKey = seen.filter((v) => v.startsWith(`${key}@`));
      expect(ofKey).toEqual([...ofKey].sort());
    }
    expect(seen).toHaveLength(8);
  });

  it('with concurrency 1 keeps strict offset order', async () => {
    const seen: string[] = [];
    await runKeyOrderedBatch(records(['a', 'b', 'a', 'c']), { ...quiet, concurrency: 1, handle: async (v) => void seen.push(v) });
    expect(seen).toEqual(['a@100', 'a@102', 'b@101', 'c@103']);
  });

  it('after a failure commits only the handled prefix, stops the failed key and starts no other', async () => {
    const seen: string[] = [];
    const error = new Error('database busy');
    const outcome = await runKeyOrderedBatch(records(['a', 'b', 'b', 'a', 'c', 'd']), {
      ...quiet,
      concurrency: 2,
      handle: async (value) => {
        if (value === 'b@102') throw error;
        await tick();
        seen.push(value);
      },
    });
    expect(outcome).toEqual({ handledThrough: '101', failed: { offset: '102', error } });
    // 'a' was already running when 'b' failed; 'c' and 'd' would have started only after.
    expect(seen.sort()).toEqual(['a@100', 'a@103', 'b@101']);
  });

  it('reports nothing handled when the first record fails', async () => {
    const outcome = await runKeyOrderedBatch(records(['a', 'a']), { ...quiet, concurrency: 4, handle: async () => Promise.reject(new Error('no')) });
    expect(outcome.handledThrough).toBeUndefined();
    expect(outcome.failed?.offset).toBe('100');
  });

  it('stops starting records once asked to, keeping the handled prefix', async () => {
    let handledCount = 0;
    const outcome = await runKeyOrderedBatch(records(['a', 'a', 'a', 'a']), {
      concurrency: 2,
      shouldStop: () => handledCount >= 2,
      afterEach: async () => undefined,
      handle: async () => void handledCount++,
    });
    expect(outcome).toEqual({ handledThrough: '101', failed: undefined });
  });

  it('rethrows a heartbeat failure after the records in flight finished', async () => {
    const rebalancing = new Error('rebalance in progress');
    let heartbeats = 0;
    let inFlight = 0;
    const run = runKeyOrderedBatch(records(['a', 'b', 'c', 'd']), {
      concurrency: 2,
      shouldStop: () => false,
      afterEach: async () => {
        if (++heartbeats === 1) throw rebalancing;
      },
      handle: async () => {
        inFlight++;
        await tick();
        inFlight--;
      },
    });
    await expect(run).rejects.toBe(rebalancing);
    expect(inFlight).toBe(0);
    expect(heartbeats).toBeLessThan(4);
  });
});
