import { MemberTakenError, SessionExpiredError, type Member } from '@ecs/coordination';
import { CoordinationFixture, waitFor } from './support/coordination-fixture';

describe('ZooKeeperCoordinator membership against a real ZooKeeper', () => {
  let zk: CoordinationFixture;
  beforeEach(async () => (zk = await CoordinationFixture.start()));
  afterEach(() => zk.dispose());

  it('lists ephemeral members sorted by id with their latest data, as another process sees them', async () => {
    const agents = await zk.coordinator();
    const control = await zk.coordinator();
    const h2 = await agents.register('hosts', 'h-2', { vcpus: 32 });
    await agents.register('hosts', 'h-1', { vcpus: 64 });
    await h2.update({ vcpus: 16 });
    expect(await control.members('hosts')).toEqual([
      { id: 'h-1', data: { vcpus: 64 } },
      { id: 'h-2', data: { vcpus: 16 } },
    ]);
    expect(await control.members('nobody')).toEqual([]);
    const [node] = await zk.admin.ephemeralNodes(`${zk.root}/groups/hosts/h-1`);
    expect(JSON.parse(node.data)).toEqual({ vcpus: 64 });
  });

  it('tells a watcher the current members first, then the full list after every change, until closed', async () => {
    const agents = await zk.coordinator();
    const control = await zk.coordinator();
    await agents.register('hosts', 'h-1', { gen: 1 });
    const seen: Member<{ gen: number }>[][] = [];
    const watch = await control.watch<{ gen: number }>('hosts', (members) => seen.push([...members]));
    const step = async (what: string, change: () => Promise<unknown>) => {
      const before = seen.length;
      await change();
      await waitFor(what, () => seen.length === before + 1, 2000);
    };
    await waitFor('the current members', () => seen.length === 1, 2000);
    const h2 = await agents.register('hosts', 'h-2', { gen: 1 });
    await waitFor('the join', () => seen.length === 2, 2000);
    await step('the update', () => h2.update({ gen: 2 }));
    await step('the departure', () => h2.close());
    watch.close();
    await agents.register('hosts', 'h-3', { gen: 1 });
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(seen.map((members) => members.map((m) => `${m.id}@${m.data.gen}`))).toEqual([['h-1@1'], ['h-1@1', 'h-2@1'], ['h-1@1', 'h-2@2'], ['h-1@1']]);
  });

  it('after a forced session expiry the member is registered again by itself, in the new session', async () => {
    const agent = await zk.coordinator();
    const control = await zk.coordinator();
    await agent.register('hosts', 'h-1', { gen: 7 });
    const before = agent.sessionId;
    await agent.expireSession();
    expect(agent.sessionId).not.toBe(before);
    const owners = async () => (await zk.admin.ephemeralNodes(`${zk.root}/groups/hosts`)).map((node) => node.owner);
    await waitFor('the member in the new session', async () => (await owners()).length === 1, agent.sessionTimeoutMs);
    expect(await owners()).toEqual([agent.sessionId]);
    expect(await control.members('hosts')).toEqual([{ id: 'h-1', data: { gen: 7 } }]);
  });

  it('a restarted member waits out the node of its dead predecessor; a live holder of the id is refused', async () => {
    const proxy = await zk.proxy();
    const firstLife = await zk.coordinator(proxy);
    const timeoutMs = firstLife.sessionTimeoutMs;
    await firstLife.register('hosts', 'h-1', { life: 1 });

    const rival = await zk.coordinator();
    const startedAt = Date.now();
    await expect(rival.register('hosts', 'h-1', { life: 0 })).rejects.toThrow(MemberTakenError);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(2 * timeoutMs);

    // The first life dies without a word (its network goes silent): its node lasts until its session expires.
    proxy.blackhole();
    const secondLife = await zk.coordinator();
    await secondLife.register('hosts', 'h-1', { life: 2 });
    expect(await secondLife.members('hosts')).toEqual([{ id: 'h-1', data: { life: 2 } }]);
  });

  it('refuses a second registration of one id in a coordinator, and an update once closed', async () => {
    const coordinator = await zk.coordinator();
    const registration = await coordinator.register('hosts', 'h-1', {});
    await expect(coordinator.register('hosts', 'h-1', {})).rejects.toThrow(/already registered/);
    await registration.close();
    await registration.close();
    await expect(registration.update({ gen: 2 })).rejects.toThrow(SessionExpiredError);
    expect(await coordinator.members('hosts')).toEqual([]);
    await coordinator.register('hosts', 'h-1', { gen: 3 });
    expect(await coordinator.members('hosts')).toEqual([{ id: 'h-1', data: { gen: 3 } }]);
  });
});
