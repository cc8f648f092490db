import { PublishBatcher, type OutgoingMessage } from './publish-batcher';

function message(n: number): OutgoingMessage {
  return { topic: 't', key: `k${n % 3}`, value: String(n) };
}

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('PublishBatcher', () => {
  it('sends the publishes of one turn as one batch, in publish order', async () => {
    const sent: string[][] = [];
    const batcher = new PublishBatcher(async (messages) => void sent.push(messages.map((m) => m.value)));
    await Promise.all([1, 2, 3, 4].map((n) => batcher.publish(message(n))));
    expect(sent).toEqual([['1', '2', '3', '4']]);
  });

  it('gathers what is published during a send into the next batch', async () => {
    const sent: string[][] = [];
    const gates = [deferred(), deferred()];
    const batcher = new PublishBatcher(async (messages) => {
      sent.push(messages.map((m) => m.value));
      await gates[sent.length - 1].promise;
    });
    const first = batcher.publish(message(1));
    await new Promise((resolve) => setImmediate(resolve));
    const later = [2, 3, 4].map((n) => batcher.publish(message(n)));
    expect(sent).toEqual([['1']]);
    gates[0].resolve();
    await first;
    gates[1].resolve();
    await Promise.all(later);
    expect(sent).toEqual([['1'], ['2', '3', '4']]);
  });

  it('caps a batch at the configured size', async () => {
    const sizes: number[] = [];
    const batcher = new PublishBatcher(async (messages) => void sizes.push(messages.length), 4);
    await Promise.all(Array.from({ length: 10 }, (_, n) => batcher.publish(message(n))));
    expect(sizes).toEqual([4, 4, 2]);
  });

  it('fails only the publishes of a batch whose send failed', async () => {
    let calls = 0;
    const batcher = new PublishBatcher(async () => {
      if (++calls === 1) throw new Error('broker unavailable');
    }, 2);
    const results = await Promise.allSettled([1, 2, 3].map((n) => batcher.publish(message(n))));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
  });

  it('flush waits for every message published so far', async () => {
    const gate = deferred();
    let delivered = 0;
    const batcher = new PublishBatcher(async (messages) => {
      await gate.promise;
      delivered += messages.length;
    });
    const published = Promise.all([1, 2].map((n) => batcher.publish(message(n))));
    let flushed = false;
    const flushing = batcher.flush().then(() => (flushed = true));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(flushed).toBe(false);
    gate.resolve();
    await flushing;
    expect(delivered).toBe(2);
    await published;
  });
});
