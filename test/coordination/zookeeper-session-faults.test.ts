import type { Member } from '@ecs/coordination';
import { CoordinationFixture, epochOf, recorder, sleep, waitFor } from './support/coordination-fixture';

/**
 * Network faults between one coordinator and ZooKeeper, made with a TCP proxy in front of that
 * coordinator alone: a reset connection (the client hears of it) and a silent partition (it does
 * not — what a leader paused with SIGSTOP or cut off by a switch experiences).
 */
describe('ZooKeeperCoordinator under session faults against a real ZooKeeper', () => {
  let zk: CoordinationFixture;
  beforeEach(async () => (zk = await CoordinationFixture.start()));
  afterEach(() => zk.dispose());

  it('a leader whose connection drops hears onDeposed at once, and leads again with the same epoch when its session survives', async () => {
    const proxy = await zk.proxy();
    const leader = recorder();
    const standby = recorder();
    const candidacy = await (await zk.coordinator(proxy)).campaign('control', 'control-a', leader);
    await (await zk.coordinator()).campaign('control', 'control-b', standby);
    await waitFor('the first candidate to lead', () => leader.events.length === 1, 1000);

    const cutAt = Date.now();
    proxy.cut();
    await waitFor('the leader to stand down and resume', () => leader.events.length === 3, 2000);

    // Nobody else led in between, since the session (and so the leader's node) never ended.
    expect(leader.events).toEqual([leader.events[0], 'deposed', leader.events[0]]);
    expect(leader.times[1] - cutAt).toBeLessThan(100);
    expect(candidacy.isLeader()).toBe(true);
    expect(standby.events).toEqual([]);
  });

  it('a silently partitioned leader deposes itself before its session can expire, so before the standby is elected', async () => {
    const proxy = await zk.proxy();
    const old = recorder();
    const standby = recorder();
    const isolated = await zk.coordinator(proxy);
    const oldCandidacy = await isolated.campaign('control', 'control-a', old);
    const standbyCandidacy = await (await zk.coordinator()).campaign('control', 'control-b', standby);
    const timeoutMs = isolated.sessionTimeoutMs;

    const partitionedAt = Date.now();
    proxy.blackhole();
    await waitFor('the standby to lead', () => standby.events.length === 1, 3 * timeoutMs);

    expect(old.events).toEqual([old.events[0], 'deposed']);
    // Deposed by its own lease, a third of a session timeout before the server could have expired it.
    expect(old.times[1] - partitionedAt).toBeLessThanOrEqual(timeoutMs);
    expect(old.times[1]).toBeLessThan(standby.times[0]);
    expect(epochOf(standby.events[0])).toBeGreaterThan(epochOf(old.events[0]));
    expect(oldCandidacy.isLeader()).toBe(false);

    proxy.heal();
    // Back in a new session, the old leader queues behind the new one with a node (and epoch) above it.
    await waitFor('the old leader to campaign again', async () => (await zk.admin.ephemeralNodes(`${zk.root}/elections/control`)).length === 2, 3 * timeoutMs);
    await sleep(100);
    expect(old.events).toHaveLength(2);
    expect(standbyCandidacy.isLeader()).toBe(true);
  });

  it('a member cut off past its session timeout vanishes for watchers, then registers again with its latest data', async () => {
    const proxy = await zk.proxy();
    const agent = await zk.coordinator(proxy);
    const control = await zk.coordinator();
    const timeoutMs = agent.sessionTimeoutMs;
    const registration = await agent.register('hosts', 'h-1', { address: '10.0.0.1', vcpus: 64 });
    await registration.update({ address: '10.0.0.1', vcpus: 32 });
    const seen: Member<unknown>[][] = [];
    const watch = await control.watch('hosts', (members) => seen.push([...members]));
    await waitFor('the current members', () => seen.length === 1, 1000);
    expect(seen[0]).toEqual([{ id: 'h-1', data: { address: '10.0.0.1', vcpus: 32 } }]);

    const partitionedAt = Date.now();
    proxy.blackhole();
    await waitFor('the member to vanish', () => seen.at(-1)?.length === 0, 3 * timeoutMs);
    // The server expires a session between one and two ticks after its timeout.
    expect(Date.now() - partitionedAt).toBeLessThanOrEqual(2 * timeoutMs);

    proxy.heal();
    await waitFor('the member to come back', () => seen.at(-1)?.length === 1, 3 * timeoutMs);
    expect(seen.at(-1)).toEqual([{ id: 'h-1', data: { address: '10.0.0.1', vcpus: 32 } }]);
    const [node] = await zk.admin.ephemeralNodes(`${zk.root}/groups/hosts`);
    expect(node.path).toBe(`${zk.root}/groups/hosts/h-1`);
    watch.close();
  });
});
