import type { Candidacy, ZooKeeperCoordinator } from '@ecs/coordination';
import { CoordinationFixture, epochOf, recorder, waitFor, type Recorder } from './support/coordination-fixture';

interface Contender {
  readonly coordinator: ZooKeeperCoordinator;
  candidacy: Candidacy;
  readonly heard: Recorder;
}

describe('ZooKeeperCoordinator elections against a real ZooKeeper', () => {
  let zk: CoordinationFixture;
  beforeEach(async () => (zk = await CoordinationFixture.start()));
  afterEach(() => zk.dispose());

  async function contender(id: string, coordinator?: ZooKeeperCoordinator): Promise<Contender> {
    const own = coordinator ?? (await zk.coordinator());
    const heard = recorder();
    return { coordinator: own, candidacy: await own.campaign('control', id, heard), heard };
  }

  const leaders = (contenders: readonly Contender[]) => contenders.filter((c) => c.candidacy.isLeader());

  it('elects exactly one of three candidates, and every failover brings a strictly higher epoch', async () => {
    const contenders = [await contender('control-0'), await contender('control-1'), await contender('control-2')];
    expect(contenders.map((c) => c.candidacy.isLeader())).toEqual([true, false, false]);
    expect(contenders.map((c) => c.candidacy.epoch() !== undefined)).toEqual([true, false, false]);
    const epochs = [contenders[0].candidacy.epoch()!];
    const timeoutMs = contenders[0].coordinator.sessionTimeoutMs;

    // Resign, close the process, expire the session, resign again: each hands over to one successor.
    for (const failover of ['resign', 'close', 'expire', 'resign'] as const) {
      const [leader] = leaders(contenders);
      const index = contenders.indexOf(leader);
      switch (failover) {
        case 'resign':
          await leader.candidacy.resign();
          contenders[index] = await contender(`control-${index}`, leader.coordinator);
          break;
        case 'close':
          await leader.coordinator.close();
          contenders[index] = await contender(`control-${index}`);
          break;
        case 'expire':
          await leader.coordinator.expireSession();
          break;
      }
      await waitFor('a single new leader', () => leaders(contenders).length === 1 && leaders(contenders)[0] !== leader, timeoutMs);
      expect(leader.heard.events.at(-1)).toBe('deposed');
      epochs.push(leaders(contenders)[0].candidacy.epoch()!);
    }
    expect(epochs).toEqual([...epochs].sort((a, b) => a - b));
    expect(new Set(epochs).size).toBe(epochs.length);
  });

  it('a leader whose session expires is deposed first, and the next candidate leads within the session timeout', async () => {
    const [first, second, third] = [await contender('control-a'), await contender('control-b'), await contender('control-c')];
    await waitFor('the first to hear it leads', () => first.heard.events.length === 1, 1000);
    const oldEpoch = epochOf(first.heard.events[0]);
    const timeoutMs = first.coordinator.sessionTimeoutMs;
    const expiredAt = Date.now();
    await first.coordinator.expireSession();
    await waitFor('the second candidate to lead', () => second.heard.events.length === 1, timeoutMs);

    expect(second.heard.times[0] - expiredAt).toBeLessThanOrEqual(timeoutMs);
    expect(epochOf(second.heard.events[0])).toBeGreaterThan(oldEpoch);
    expect(first.heard.events).toEqual([`elected:${oldEpoch}`, 'deposed']);
    expect(first.heard.times[1]).toBeLessThanOrEqual(second.heard.times[0]);
    expect(third.heard.events).toEqual([]);
    // The expired candidate campaigns again in its new session, at the back of the line.
    await waitFor('three candidates again', async () => (await candidateNodes()).length === 3, timeoutMs);
    const nodes = await candidateNodes();
    expect(nodes.at(-1)?.data).toBe('control-a');
    expect(first.candidacy.isLeader()).toBe(false);
  });

  it('a waiting candidate that resigns is never elected, and its node is gone', async () => {
    const leader = await contender('a');
    const waiting = await contender('b');
    await waiting.candidacy.resign();
    expect((await candidateNodes()).map((node) => node.data)).toEqual(['a']);
    await leader.candidacy.resign();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(waiting.heard.events).toEqual([]);
    expect(await candidateNodes()).toEqual([]);
  });

  it('keeps elections independent and refuses a duplicate candidate in one coordinator', async () => {
    const coordinator = await zk.coordinator();
    const control = await coordinator.campaign('control', 'node-1', recorder());
    const relay = await coordinator.campaign('outbox-relay', 'node-1', recorder());
    expect([control.isLeader(), relay.isLeader()]).toEqual([true, true]);
    await expect(coordinator.campaign('control', 'node-1', recorder())).rejects.toThrow(/already campaigning/);
    await expect(coordinator.campaign('a/b', 'node-1', recorder())).rejects.toThrow(RangeError);
  });

  /** The candidate nodes of the `control` election in queue order, with the candidate id each holds. */
  async function candidateNodes() {
    const nodes = await zk.admin.ephemeralNodes(`${zk.root}/elections/control`);
    return nodes.sort((a, b) => Number(a.path.slice(-10)) - Number(b.path.slice(-10)));
  }
});
