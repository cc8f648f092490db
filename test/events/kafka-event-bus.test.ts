import { TOPIC_PARTITIONS, type VmStateEvent } from '@ecs/contracts';
import { deleteKafkaPrefix, KafkaEventBus, kafkaTopicName, type EventBus, type Subscription } from '@ecs/events';
import { configureLogging } from '@ecs/observability';
import { kafkaTestBrokers, kafkaTestPrefix } from '@ecs/testing';
import { Kafka, logLevel } from 'kafkajs';

function vmEvent(instanceId: string, seq: number): VmStateEvent {
  return { eventId: `${instanceId}-${seq}`, hostId: 'h-1', instanceId, seq, state: 'running', generation: 1, observedAt: new Date().toISOString() };
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('KafkaEventBus against a real broker', () => {
  let brokers: string[];
  let prefix: string;
  const opened: EventBus[] = [];

  function bus(): KafkaEventBus {
    const created = new KafkaEventBus({ brokers, clientId: 'ecs-events-test', topicPrefix: prefix, retryBackoff: { initialMs: 50, maxMs: 200 } });
    opened.push(created);
    return created;
  }

  beforeAll(async () => {
    configureLogging({ level: 'silent' });
    // A cold machine fetches and starts Kafka here.
    brokers = await kafkaTestBrokers();
  }, 600_000);

  beforeEach(() => {
    prefix = kafkaTestPrefix('events');
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((b) => b.close()));
    await deleteKafkaPrefix(brokers, prefix);
  });

  it('creates its topics with the configured partition counts, and starting twice is harmless', async () => {
    const first = bus();
    await first.start();
    await bus().start();
    const admin = new Kafka({ brokers, clientId: 'ecs-events-test-admin', logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [kafkaTopicName(prefix, 'ecs.vm-state'), kafkaTopicName(prefix, 'ecs.instance-lifecycle')] });
      expect(Object.fromEntries(topics.map((t) => [t.name, t.partitions.length]))).toEqual({
        [kafkaTopicName(prefix, 'ecs.vm-state')]: TOPIC_PARTITIONS['ecs.vm-state'],
        [kafkaTopicName(prefix, 'ecs.instance-lifecycle')]: TOPIC_PARTITIONS['ecs.instance-lifecycle'],
      });
    } finally {
      await admin.disconnect();
    }
  });

  it('delivers a published event to a subscriber, intact', async () => {
    const events = bus();
    const seen: VmStateEvent[] = [];
    await events.subscribe('ecs.vm-state', 'control', async (e) => void seen.push(e));
    const sent = vmEvent('i-roundtrip', 1);
    await events.publish('ecs.vm-state', sent.instanceId, sent);
    await until(() => seen.length === 1, 'the event');
    expect(seen).toEqual([sent]);
  });

  it('keeps each key in publish order', async () => {
    const events = bus();
    const seen: VmStateEvent[] = [];
    await events.subscribe('ecs.vm-state', 'control', async (e) => {
      // Uneven handler times would expose any reordering within a key.
      if (e.seq % 7 === 0) await sleep(2);
      seen.push(e);
    });
    const keys = Array.from({ length: 8 }, (_, n) => `i-order${n}`);
    const published: Promise<void>[] = [];
    for (let seq = 1; seq <= 40; seq++) for (const key of keys) published.push(events.publish('ecs.vm-state', key, vmEvent(key, seq)));
    await Promise.all(published);
    await until(() => seen.length === keys.length * 40, 'every event');
    for (const key of keys) expect(seen.filter((e) => e.instanceId === key).map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, n) => n + 1));
  });

  it('gives every consumer group every event', async () => {
    const events = bus();
    const control: string[] = [];
    const audit: string[] = [];
    await events.subscribe('ecs.vm-state', 'control', async (e) => void control.push(e.eventId));
    await bus().subscribe('ecs.vm-state', 'audit', async (e) => void audit.push(e.eventId));
    const ids: string[] = [];
    for (let n = 0; n < 30; n++) {
      const event = vmEvent(`i-groups${n}`, 1);
      ids.push(event.eventId);
      await events.publish('ecs.vm-state', event.instanceId, event);
    }
    await until(() => control.length >= ids.length && audit.length >= ids.length, 'both groups');
    expect(new Set(control)).toEqual(new Set(ids));
    expect(new Set(audit)).toEqual(new Set(ids));
  });

  it('splits the partitions between two members of one group and still delivers each event', async () => {
    const seenBy: [Set<string>, Set<string>] = [new Set(), new Set()];
    const members: Subscription[] = [];
    for (const index of [0, 1] as const) {
      members.push(await bus().subscribe('ecs.vm-state', 'control', async (e) => void seenBy[index].add(e.eventId)));
    }
    const publisher = bus();
    const ids = new Set<string>();
    const published: Promise<void>[] = [];
    for (let n = 0; n < 120; n++) {
      const event = vmEvent(`i-split${n}`, 1);
      ids.add(event.eventId);
      published.push(publisher.publish('ecs.vm-state', event.instanceId, event));
    }
    await Promise.all(published);
    // At least once: the test dedupes by event id, as real consumers do.
    await until(() => new Set([...seenBy[0], ...seenBy[1]]).size === ids.size, 'every event in the group');
    expect(seenBy[0].size).toBeGreaterThan(0);
    expect(seenBy[1].size).toBeGreaterThan(0);
    const both = [...seenBy[0]].filter((id) => seenBy[1].has(id));
    expect(both).toEqual([]);
    await Promise.all(members.map((m) => m.close()));
  });

  it('redelivers an event whose handler threw, after a backoff, without holding up other partitions', async () => {
    const events = bus();
    const attempts: { id: string; at: number }[] = [];
    let failuresLeft = 2;
    await events.subscribe('ecs.vm-state', 'control', async (e) => {
      attempts.push({ id: e.eventId, at: Date.now() });
      if (e.eventId === 'i-flaky-1' && failuresLeft-- > 0) throw new Error('database busy');
    });
    await events.publish('ecs.vm-state', 'i-flaky', vmEvent('i-flaky', 1));
    await until(() => attempts.length === 1, 'the first attempt');
    // While the flaky partition waits out its backoff, events on other partitions keep flowing.
    const others = Array.from({ length: 12 }, (_, n) => vmEvent(`i-other${n}`, 1));
    await Promise.all([...others.map((e) => events.publish('ecs.vm-state', e.instanceId, e)), events.publish('ecs.vm-state', 'i-flaky', vmEvent('i-flaky', 2))]);
    await until(() => attempts.filter((a) => a.id === 'i-flaky-2').length === 1, 'the next event of the flaky key');
    const flaky = attempts.filter((a) => a.id.startsWith('i-flaky'));
    expect(flaky.map((a) => a.id)).toEqual(['i-flaky-1', 'i-flaky-1', 'i-flaky-1', 'i-flaky-2']);
    expect(flaky[1].at - flaky[0].at).toBeGreaterThanOrEqual(45);
    expect(flaky[2].at - flaky[1].at).toBeGreaterThanOrEqual(95);
    const flowedMeanwhile = attempts.filter((a) => others.some((o) => o.eventId === a.id) && a.at < flaky[2].at);
    expect(flowedMeanwhile.length).toBeGreaterThan(0);
    await until(() => others.every((o) => attempts.some((a) => a.id === o.eventId)), 'every other event');
  });

  it('resumes a restarted consumer from its committed offsets', async () => {
    const publisher = bus();
    const firstRun: string[] = [];
    const first = await bus().subscribe('ecs.vm-state', 'control', async (e) => void firstRun.push(e.eventId));
    for (let seq = 1; seq <= 10; seq++) await publisher.publish('ecs.vm-state', `i-restart${seq % 4}`, vmEvent(`i-restart${seq % 4}`, seq));
    await until(() => firstRun.length === 10, 'the first run');
    await first.close();
    for (let seq = 11; seq <= 20; seq++) await publisher.publish('ecs.vm-state', `i-restart${seq % 4}`, vmEvent(`i-restart${seq % 4}`, seq));
    const secondRun: string[] = [];
    await bus().subscribe('ecs.vm-state', 'control', async (e) => void secondRun.push(e.eventId));
    await until(() => secondRun.length >= 10, 'the second run');
    await sleep(300);
    expect(secondRun.sort()).toEqual(Array.from({ length: 10 }, (_, n) => `i-restart${(n + 11) % 4}-${n + 11}`).sort());
  });

  it('closes only after the handler call in flight has finished', async () => {
    const events = bus();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    let finished = false;
    await events.subscribe('ecs.vm-state', 'control', async () => {
      started = true;
      await gate;
      finished = true;
    });
    await events.publish('ecs.vm-state', 'i-slow', vmEvent('i-slow', 1));
    await until(() => started, 'the handler to start');
    let closed = false;
    const closing = events.close().then(() => (closed = true));
    await sleep(100);
    expect(closed).toBe(false);
    release();
    await closing;
    expect(finished).toBe(true);
  });

  it('refuses to publish once closed', async () => {
    const events = bus();
    await events.close();
    await expect(events.publish('ecs.vm-state', 'i-closed', vmEvent('i-closed', 1))).rejects.toThrow('event bus is closed');
  });

  describe('batch subscriptions', () => {
    it('hands each partition\'s records over in runs, each key in publish order', async () => {
      const events = bus();
      const runs: VmStateEvent[][] = [];
      await events.subscribeBatch('ecs.vm-state', 'control', async (run) => {
        // Uneven handler times would expose any reordering across runs.
        if (runs.length % 3 === 0) await sleep(5);
        runs.push([...run]);
      });
      const keys = Array.from({ length: 8 }, (_, n) => `i-runs${n}`);
      const published: Promise<void>[] = [];
      for (let seq = 1; seq <= 40; seq++) for (const key of keys) published.push(events.publish('ecs.vm-state', key, vmEvent(key, seq)));
      await Promise.all(published);
      await until(() => runs.flat().length >= keys.length * 40, 'every event');
      const seen = runs.flat();
      for (const key of keys) expect(seen.filter((e) => e.instanceId === key).map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, n) => n + 1));
      expect(Math.max(...runs.map((r) => r.length))).toBeGreaterThan(1);
    });

    it('caps a run at maxBatch', async () => {
      const events = bus();
      const sizes: number[] = [];
      await events.subscribeBatch('ecs.vm-state', 'control', async (run) => void sizes.push(run.length), { maxBatch: 3 });
      await Promise.all(Array.from({ length: 30 }, (_, seq) => events.publish('ecs.vm-state', 'i-capped', vmEvent('i-capped', seq + 1))));
      await until(() => sizes.reduce((a, b) => a + b, 0) >= 30, 'every event');
      expect(Math.max(...sizes)).toBeLessThanOrEqual(3);
    });

    it('redelivers a failed run whole after a backoff, and the key\'s later events only after it, while other partitions flow', async () => {
      const events = bus();
      const runs: { ids: string[]; at: number }[] = [];
      let failuresLeft = 2;
      await events.subscribeBatch('ecs.vm-state', 'control', async (run) => {
        runs.push({ ids: run.map((e) => e.eventId), at: Date.now() });
        if (run.some((e) => e.eventId === 'i-flakyrun-1') && failuresLeft-- > 0) throw new Error('database busy');
      });
      await events.publish('ecs.vm-state', 'i-flakyrun', vmEvent('i-flakyrun', 1));
      await until(() => runs.length === 1, 'the first attempt');
      const others = Array.from({ length: 12 }, (_, n) => vmEvent(`i-otherrun${n}`, 1));
      await Promise.all([...others.map((e) => events.publish('ecs.vm-state', e.instanceId, e)), events.publish('ecs.vm-state', 'i-flakyrun', vmEvent('i-flakyrun', 2))]);
      const flakyRuns = () => runs.filter((r) => r.ids.some((id) => id.startsWith('i-flakyrun-')));
      await until(() => failuresLeft < 0 && flakyRuns().some((r) => r.ids.includes('i-flakyrun-2')) && others.every((o) => runs.some((r) => r.ids.includes(o.eventId))), 'every event');
      const flaky = flakyRuns();
      expect(flaky.length).toBeGreaterThanOrEqual(3);
      for (const run of flaky) expect(run.ids.filter((id) => id.startsWith('i-flakyrun-'))[0]).toBe('i-flakyrun-1');
      expect(flaky[1].at - flaky[0].at).toBeGreaterThanOrEqual(45);
      expect(flaky[2].at - flaky[1].at).toBeGreaterThanOrEqual(95);
      const flowedMeanwhile = runs.filter((r) => r.at < flaky[2].at && r.ids.some((id) => id.startsWith('i-otherrun')));
      expect(flowedMeanwhile.length).toBeGreaterThan(0);
    });

    it('commits a run only once its handler succeeded: a restarted member resumes after the last run that did', async () => {
      const publisher = bus();
      const firstRun: string[] = [];
      const first = await bus().subscribeBatch('ecs.vm-state', 'control', async (run) => void firstRun.push(...run.map((e) => e.eventId)));
      for (let seq = 1; seq <= 10; seq++) await publisher.publish('ecs.vm-state', `i-batchrestart${seq % 4}`, vmEvent(`i-batchrestart${seq % 4}`, seq));
      await until(() => firstRun.length === 10, 'the first run');
      await first.close();
      for (let seq = 11; seq <= 20; seq++) await publisher.publish('ecs.vm-state', `i-batchrestart${seq % 4}`, vmEvent(`i-batchrestart${seq % 4}`, seq));
      const secondRun: string[] = [];
      await bus().subscribeBatch('ecs.vm-state', 'control', async (run) => void secondRun.push(...run.map((e) => e.eventId)));
      await until(() => secondRun.length >= 10, 'the second run');
      await sleep(300);
      expect(secondRun.sort()).toEqual(Array.from({ length: 10 }, (_, n) => `i-batchrestart${(n + 11) % 4}-${n + 11}`).sort());
    });
  });
});
