import type { VmStateEvent } from '@ecs/contracts';
import { configureLogging } from '@ecs/observability';
import { InProcessEventBus } from './in-process-event-bus';

function vmEvent(instanceId: string, seq: number): VmStateEvent {
  return { eventId: `${instanceId}-${seq}`, hostId: 'h-1', instanceId, seq, state: 'running', generation: 1, observedAt: '2024-01-01T00:00:00.000Z' };
}

async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('InProcessEventBus', () => {
  let bus: InProcessEventBus;
  beforeAll(() => configureLogging({ level: 'silent' }));
  beforeEach(() => (bus = new InProcessEventBus({ retryBackoff: { initialMs: 20, maxMs: 40 }, drainTimeoutMs: 200 })));
  afterEach(() => bus.close());

  it('gives every consumer group every event', async () => {
    const control: string[] = [];
    const audit: string[] = [];
    await bus.subscribe('ecs.vm-state', 'control', async (e) => void control.push(e.eventId));
    await bus.subscribe('ecs.vm-state', 'audit', async (e) => void audit.push(e.eventId));
    await bus.publish('ecs.vm-state', 'i-1', vmEvent('i-1', 1));
    await bus.publish('ecs.vm-state', 'i-2', vmEvent('i-2', 1));
    await until(() => control.length === 2 && audit.length === 2);
    expect(control.sort()).toEqual(['i-1-1', 'i-2-1']);
    expect(audit.sort()).toEqual(['i-1-1', 'i-2-1']);
  });

  it('keeps topics apart', async () => {
    const seen: string[] = [];
    await bus.subscribe('ecs.instance-lifecycle', 'g', async (e) => void seen.push(e.eventId));
    await bus.publish('ecs.vm-state', 'i-1', vmEvent('i-1', 1));
    await bus.close();
    expect(seen).toEqual([]);
  });

  it('allows one handler per group', async () => {
    await bus.subscribe('ecs.vm-state', 'control', async () => undefined);
    await expect(bus.subscribe('ecs.vm-state', 'control', async () => undefined)).rejects.toThrow(/already has a handler/);
  });

  it('never delivers inside the publisher call stack', async () => {
    let publishing = false;
    const seenWhilePublishing: boolean[] = [];
    await bus.subscribe('ecs.vm-state', 'g', async () => void seenWhilePublishing.push(publishing));
    publishing = true;
    const published = bus.publish('ecs.vm-state', 'i-1', vmEvent('i-1', 1));
    publishing = false;
    await published;
    await until(() => seenWhilePublishing.length === 1);
    expect(seenWhilePublishing).toEqual([false]);
  });

  it('keeps per-key order while other keys flow past a slow one', async () => {
    const gate = deferred();
    const seen: VmStateEvent[] = [];
    await bus.subscribe('ecs.vm-state', 'g', async (e) => {
      if (e.instanceId === 'i-slow' && e.seq === 1) await gate.promise;
      else await new Promise((resolve) => setTimeout(resolve, (e.seq * 7) % 5));
      seen.push(e);
    });
    for (let seq = 1; seq <= 5; seq++) {
      for (const id of ['i-slow', 'i-a', 'i-b']) await bus.publish('ecs.vm-state', id, vmEvent(id, seq));
    }
    await until(() => seen.length === 10);
    expect(seen.some((e) => e.instanceId === 'i-slow')).toBe(false);
    gate.resolve();
    await until(() => seen.length === 15);
    for (const id of ['i-slow', 'i-a', 'i-b']) {
      expect(seen.filter((e) => e.instanceId === id).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    }
  });

  it('redelivers an event whose handler threw, after a backoff, before the next event of that key', async () => {
    const attempts: { id: string; at: number }[] = [];
    let failuresLeft = 2;
    await bus.subscribe('ecs.vm-state', 'g', async (e) => {
      attempts.push({ id: e.eventId, at: Date.now() });
      if (e.seq === 1 && failuresLeft-- > 0) throw new Error('database busy');
    });
    await bus.publish('ecs.vm-state', 'i-1', vmEvent('i-1', 1));
    await bus.publish('ecs.vm-state', 'i-1', vmEvent('i-1', 2));
    await until(() => attempts.length === 4);
    expect(attempts.map((a) => a.id)).toEqual(['i-1-1', 'i-1-1', 'i-1-1', 'i-1-2']);
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(15);
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(35);
  });

  it('drains queued events on close and then refuses new ones', async () => {
    const seen: number[] = [];
    await bus.subscribe('ecs.vm-state', 'g', async (e) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      seen.push(e.seq);
    });
    for (let seq = 1; seq <= 20; seq++) await bus.publish('ecs.vm-state', 'i-1', vmEvent('i-1', seq));
    await bus.close();
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    await expect(bus.publish('ecs.vm-state', 'i-1', vmEvent('i-1', 21))).rejects.toThrow('event bus is closed');
  });

  it('gives up draining after the timeout when a handler keeps failing', async () => {
    let calls = 0;
    await bus.subscribe('ecs.vm-state', 'g', async () => {
      calls++;
      throw new Error('always');
    });
    await bus.publish('ecs.vm-state', 'i-1', vmEvent('i-1', 1));
    const started = Date.now();
    await bus.close();
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(calls).toBeGreaterThan(1);
    const callsAtClose = calls;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(calls).toBe(callsAtClose);
  });

  it('keeps a group backlog while it has no handler and delivers it, in order, to the next one', async () => {
    const first: number[] = [];
    const subscription = await bus.subscribe('ecs.vm-state', 'control', async (e) => void first.push(e.seq));
    await bus.publish('ecs.vm-state', 'i-1', vmEvent('i-1', 1));
    await until(() => first.length === 1);
    await subscription.close();
    await bus.publish('ecs.vm-state', 'i-1', vmEvent('i-1', 2));
    await bus.publish('ecs.vm-state', 'i-1', vmEvent('i-1', 3));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(first).toEqual([1]);
    const second: number[] = [];
    await bus.subscribe('ecs.vm-state', 'control', async (e) => void second.push(e.seq));
    await until(() => second.length === 2);
    expect(second).toEqual([2, 3]);
  });

  it('closing a subscription waits for the handler call in flight and stops retries', async () => {
    const gate = deferred();
    let finished = false;
    let calls = 0;
    const subscription = await bus.subscribe('ecs.vm-state', 'g', async (e) => {
      calls++;
      if (e.seq === 1) {
        await gate.promise;
        finished = true;
      } else throw new Error('retry me');
    });
    await bus.publish('ecs.vm-state', 'i-1', vmEvent('i-1', 1));
    await bus.publish('ecs.vm-state', 'i-2', vmEvent('i-2', 2));
    await until(() => calls >= 2);
    const closed = subscription.close();
    setTimeout(gate.resolve, 10);
    await closed;
    expect(finished).toBe(true);
    const callsAtClose = calls;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(calls).toBe(callsAtClose);
  });

  describe('batch subscriptions', () => {
    it('hands over runs across keys, each key in publish order, events published meanwhile in the next run', async () => {
      const gate = deferred();
      const runs: string[][] = [];
      await bus.subscribeBatch('ecs.vm-state', 'control', async (events) => {
        runs.push(events.map((e) => e.eventId));
        if (runs.length === 1) await gate.promise;
      });
      await bus.publish('ecs.vm-state', 'i-1', vmEvent('i-1', 1));
      await until(() => runs.length === 1);
      for (let seq = 2; seq <= 4; seq++) for (const id of ['i-1', 'i-2']) await bus.publish('ecs.vm-state', id, vmEvent(id, seq));
      gate.resolve();
      await until(() => runs.length === 2);
      expect(runs[0]).toEqual(['i-1-1']);
      expect(runs[1].filter((id) => id.startsWith('i-1-'))).toEqual(['i-1-2', 'i-1-3', 'i-1-4']);
      expect(runs[1].filter((id) => id.startsWith('i-2-'))).toEqual(['i-2-2', 'i-2-3', 'i-2-4']);
    });

    it('caps a run at maxBatch', async () => {
      const sizes: number[] = [];
      const gate = deferred();
      await bus.subscribeBatch('ecs.vm-state', 'g', async (events) => {
        sizes.push(events.length);
        await gate.promise;
      }, { maxBatch: 4 });
      for (let n = 0; n < 10; n++) await bus.publish('ecs.vm-state', `i-${n}`, vmEvent(`i-${n}`, 1));
      gate.resolve();
      await until(() => sizes.reduce((a, b) => a + b, 0) === 10);
      expect(sizes).toEqual([4, 4, 2]);
    });

    it('redelivers a failed run whole, after a backoff, before any later event of its keys', async () => {
      const runs: { ids: string[]; at: number }[] = [];
      let failuresLeft = 2;
      await bus.subscribeBatch('ecs.vm-state', 'g', async (events) => {
        runs.push({ ids: events.map((e) => e.eventId), at: Date.now() });
        if (failuresLeft-- > 0) throw new Error('database busy');
      });
      await bus.publish('ecs.vm-state', 'i-1', vmEvent('i-1', 1));
      await bus.publish('ecs.vm-state', 'i-2', vmEvent('i-2', 1));
      await until(() => runs.length === 1);
      await bus.publish('ecs.vm-state', 'i-1', vmEvent('i-1', 2));
      await until(() => runs.length === 3);
      // Every attempt holds the failed run's events again (plus what arrived meanwhile), each key in order.
      expect(runs[0].ids).toEqual(['i-1-1', 'i-2-1']);
      for (const run of runs.slice(1)) {
        expect(run.ids.filter((id) => id.startsWith('i-1-'))).toEqual(['i-1-1', 'i-1-2']);
        expect(run.ids).toContain('i-2-1');
      }
      expect(runs[1].at - runs[0].at).toBeGreaterThanOrEqual(15);
      expect(runs[2].at - runs[1].at).toBeGreaterThanOrEqual(35);
    });

    it('keeps the backlog while detached and gives it to the next handler, batch or not', async () => {
      const first: number[] = [];
      const subscription = await bus.subscribeBatch('ecs.vm-state', 'control', async (events) => void first.push(...events.map((e) => e.seq)));
      await bus.publish('ecs.vm-state', 'i-1', vmEvent('i-1', 1));
      await until(() => first.length === 1);
      await subscription.close();
      await bus.publish('ecs.vm-state', 'i-1', vmEvent('i-1', 2));
      await bus.publish('ecs.vm-state', 'i-1', vmEvent('i-1', 3));
      const second: number[] = [];
      await bus.subscribe('ecs.vm-state', 'control', async (e) => void second.push(e.seq));
      await until(() => second.length === 2);
      expect(first).toEqual([1]);
      expect(second).toEqual([2, 3]);
    });

    it('drains runs on close', async () => {
      const seen: number[] = [];
      await bus.subscribeBatch('ecs.vm-state', 'g', async (events) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        seen.push(...events.map((e) => e.seq));
      });
      for (let seq = 1; seq <= 20; seq++) await bus.publish('ecs.vm-state', 'i-1', vmEvent('i-1', seq));
      await bus.close();
      expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    });

    it('refuses a group that already has a handler, and a maxBatch that is not a positive integer', async () => {
      await bus.subscribe('ecs.vm-state', 'control', async () => undefined);
      await expect(bus.subscribeBatch('ecs.vm-state', 'control', async () => undefined)).rejects.toThrow(/already has a handler/);
      await expect(bus.subscribeBatch('ecs.vm-state', 'other', async () => undefined, { maxBatch: 0 })).rejects.toThrow(/maxBatch/);
    });
  });
});
