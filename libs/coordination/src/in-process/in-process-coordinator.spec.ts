import { configureLogging } from '@ecs/observability';
import type { LeadershipListener, Member } from '../coordinator.port';
import { LockTimeoutError, SessionExpiredError } from '../coordination-errors';
import { InProcessCoordinator } from './in-process-coordinator';

/** Lets queued listener notifications run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function recorder(): LeadershipListener & { events: string[] } {
  const events: string[] = [];
  return { events, onElected: (epoch) => events.push(`elected:${epoch}`), onDeposed: () => events.push('deposed') };
}

describe('InProcessCoordinator', () => {
  let coordinator: InProcessCoordinator;
  beforeAll(() => configureLogging({ level: 'silent' }));
  beforeEach(() => (coordinator = new InProcessCoordinator()));
  afterEach(() => coordinator.close());

  describe('elections', () => {
    it('elects the first candidate and hands over to the next with a higher epoch on resignation', async () => {
      const a = recorder();
      const b = recorder();
      const first = await coordinator.campaign('control', 'control-a', a);
      const second = await coordinator.campaign('control', 'control-b', b);
      await settle();
      expect([first.isLeader(), first.epoch(), second.isLeader(), second.epoch()]).toEqual([true, 1, false, undefined]);
      await first.resign();
      await settle();
      expect(a.events).toEqual(['elected:1', 'deposed']);
      expect(b.events).toEqual(['elected:2']);
      expect([first.isLeader(), second.isLeader(), second.epoch()]).toEqual([false, true, 2]);
    });

    it('deposes a leader whose session expires, and its successor gets epoch + 1', async () => {
      const a = recorder();
      const b = recorder();
      const leader = await coordinator.campaign('control', 'control-a', a);
      await coordinator.campaign('control', 'control-b', b);
      expect(coordinator.expireSession('control-a')).toBe(true);
      expect(leader.isLeader()).toBe(false);
      await settle();
      expect(a.events).toEqual(['elected:1', 'deposed']);
      expect(b.events).toEqual(['elected:2']);
    });

    it('never reuses an epoch, even after the election emptied', async () => {
      const epochs: number[] = [];
      for (let round = 0; round < 5; round++) {
        const candidacy = await coordinator.campaign('control', `control-${round}`, recorder());
        epochs.push(candidacy.epoch()!);
        if (round % 2 === 0) await candidacy.resign();
        else coordinator.expireSession(`control-${round}`);
      }
      expect(epochs).toEqual([1, 2, 3, 4, 5]);
    });

    it('keeps elections independent and refuses a duplicate candidate', async () => {
      const control = await coordinator.campaign('control', 'node-1', recorder());
      const relay = await coordinator.campaign('outbox-relay', 'node-1', recorder());
      expect([control.epoch(), relay.epoch()]).toEqual([1, 1]);
      await expect(coordinator.campaign('control', 'node-1', recorder())).rejects.toThrow(/already campaigning/);
    });

    it('a waiting candidate that resigns is never elected', async () => {
      const a = await coordinator.campaign('control', 'a', recorder());
      const b = recorder();
      const waiting = await coordinator.campaign('control', 'b', b);
      await waiting.resign();
      await a.resign();
      await settle();
      expect(b.events).toEqual([]);
    });

    it('a listener that throws does not stop the others hearing', async () => {
      const c = recorder();
      await coordinator.campaign('control', 'a', {
        onElected: () => {
          throw new Error('boom');
        },
        onDeposed: () => undefined,
      });
      await coordinator.campaign('control', 'c', c);
      coordinator.expireSession('a');
      await settle();
      expect(c.events).toEqual(['elected:2']);
    });
  });

  describe('membership', () => {
    it('lists ephemeral members sorted by id, with their latest data', async () => {
      const h2 = await coordinator.register('hosts', 'h-2', { vcpus: 32 });
      await coordinator.register('hosts', 'h-1', { vcpus: 64 });
      await h2.update({ vcpus: 16 });
      expect(await coordinator.members('hosts')).toEqual([
        { id: 'h-1', data: { vcpus: 64 } },
        { id: 'h-2', data: { vcpus: 16 } },
      ]);
      expect(await coordinator.members('nobody')).toEqual([]);
    });

    it('tells watchers the current members, then every change, until closed', async () => {
      const seen: string[][] = [];
      await coordinator.register('hosts', 'h-1', {});
      const watch = await coordinator.watch('hosts', (members: readonly Member<unknown>[]) => seen.push(members.map((m) => m.id)));
      await settle();
      const h2 = await coordinator.register('hosts', 'h-2', {});
      await settle();
      coordinator.expireSession('h-1');
      await settle();
      watch.close();
      await h2.close();
      await settle();
      expect(seen).toEqual([['h-1'], ['h-1', 'h-2'], ['h-2']]);
    });

    it('an expired registration cannot update, and cannot remove the node of its successor', async () => {
      const old = await coordinator.register('hosts', 'h-1', { gen: 1 });
      expect(coordinator.expireSession('h-1')).toBe(true);
      await expect(old.update({ gen: 2 })).rejects.toThrow(SessionExpiredError);
      await coordinator.register('hosts', 'h-1', { gen: 3 });
      await old.close();
      expect(await coordinator.members('hosts')).toEqual([{ id: 'h-1', data: { gen: 3 } }]);
    });

    it('refuses a second live member with the same id, and reports an unknown session', async () => {
      await coordinator.register('hosts', 'h-1', {});
      await expect(coordinator.register('hosts', 'h-1', {})).rejects.toThrow(/already registered/);
      expect(coordinator.expireSession('nobody')).toBe(false);
    });
  });

  describe('locks', () => {
    it('serves waiters in order, one holder at a time', async () => {
      const order: string[] = [];
      const first = await coordinator.lock('migrate', 1000);
      const second = coordinator.lock('migrate', 1000).then((lock) => (order.push('second'), lock));
      const third = coordinator.lock('migrate', 1000).then((lock) => (order.push('third'), lock));
      await settle();
      expect(order).toEqual([]);
      await first.release();
      await first.release();
      const secondLock = await second;
      await settle();
      expect(order).toEqual(['second']);
      await secondLock.release();
      await (await third).release();
      expect(order).toEqual(['second', 'third']);
      await (await coordinator.lock('migrate', 0)).release();
    });

    it('times out a waiter without disturbing the queue behind it', async () => {
      const held = await coordinator.lock('migrate', 1000);
      const impatient = coordinator.lock('migrate', 20);
      const patient = coordinator.lock('migrate', 1000);
      await expect(impatient).rejects.toThrow(LockTimeoutError);
      await held.release();
      await (await patient).release();
    });
  });

  it('close ends every session: leaders deposed without a successor, lock waiters failed, calls refused', async () => {
    const a = recorder();
    const b = recorder();
    await coordinator.campaign('control', 'a', a);
    await coordinator.campaign('control', 'b', b);
    await coordinator.register('hosts', 'h-1', {});
    await coordinator.lock('migrate', 1000);
    const waiterFails = expect(coordinator.lock('migrate', 1000)).rejects.toThrow('coordinator closed');
    await coordinator.close();
    await settle();
    expect(a.events).toEqual(['elected:1', 'deposed']);
    expect(b.events).toEqual([]);
    await waiterFails;
    await expect(coordinator.members('hosts')).rejects.toThrow('coordinator is closed');
  });
});
