import type { Member } from '@ecs/coordination';
import { CoordinationFixture, recorder, waitFor } from './support/coordination-fixture';

describe('ZooKeeperCoordinator lifecycle against a real ZooKeeper', () => {
  let zk: CoordinationFixture;
  beforeEach(async () => (zk = await CoordinationFixture.start()));
  afterEach(() => zk.dispose());

  it('close ends the session: leaders deposed without a successor, lock waiters failed, every ephemeral node gone, calls refused', async () => {
    const coordinator = await zk.coordinator();
    const observer = await zk.coordinator();
    const a = recorder();
    const b = recorder();
    await coordinator.campaign('control', 'a', a);
    await coordinator.campaign('control', 'b', b);
    await coordinator.register('hosts', 'h-1', { vcpus: 8 });
    await coordinator.lock('migrate', 1000);
    const waiterFails = expect(coordinator.lock('migrate', 10_000)).rejects.toThrow('coordinator closed');
    const seen: Member<unknown>[][] = [];
    await observer.watch('hosts', (members) => seen.push([...members]));
    await waitFor('the member', () => seen.length === 1, 1000);
    expect((await zk.admin.ephemeralNodes(zk.root)).length).toBeGreaterThanOrEqual(5);

    await coordinator.close();
    await waiterFails;
    expect(await zk.admin.ephemeralNodes(zk.root)).toEqual([]);
    await waitFor('the member to leave', () => seen.at(-1)?.length === 0, 1000);
    expect(a.events).toEqual([a.events[0], 'deposed']);
    expect(b.events).toEqual([]);
    await expect(coordinator.members('hosts')).rejects.toThrow('coordinator is closed');
    await expect(coordinator.campaign('control', 'c', recorder())).rejects.toThrow('coordinator is closed');
    await coordinator.close();
  });
});
