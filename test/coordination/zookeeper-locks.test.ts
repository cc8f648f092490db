import { LockTimeoutError } from '@ecs/coordination';
import { CoordinationFixture, sleep, waitFor } from './support/coordination-fixture';

describe('ZooKeeperCoordinator locks against a real ZooKeeper', () => {
  let zk: CoordinationFixture;
  beforeEach(async () => (zk = await CoordinationFixture.start()));
  afterEach(() => zk.dispose());

  const lockNodes = async () => (await zk.admin.ephemeralNodes(`${zk.root}/locks/migrate`)).map((node) => node.path.slice(-10));

  it('lets one holder at a time into the critical section, across three processes under contention', async () => {
    const processes = [await zk.coordinator(), await zk.coordinator(), await zk.coordinator()];
    let inside = 0;
    let mostInside = 0;
    let entries = 0;
    await Promise.all(
      processes.map(async (coordinator) => {
        for (let round = 0; round < 5; round++) {
          const lock = await coordinator.lock('migrate', 10_000);
          inside++;
          mostInside = Math.max(mostInside, inside);
          entries++;
          await sleep(5);
          inside--;
          await lock.release();
        }
      }),
    );
    expect([entries, mostInside]).toEqual([15, 1]);
    expect(await lockNodes()).toEqual([]);
  });

  it('times out a waiter, removing its place in line without disturbing the waiter behind it', async () => {
    const holder = await zk.coordinator();
    const impatient = await zk.coordinator();
    const patient = await zk.coordinator();
    const held = await holder.lock('migrate', 1000);
    const startedAt = Date.now();
    const timingOut = impatient.lock('migrate', 200);
    await sleep(50);
    const waiting = patient.lock('migrate', 10_000);
    await expect(timingOut).rejects.toThrow(LockTimeoutError);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(200);
    expect(await lockNodes()).toHaveLength(2);
    await held.release();
    await (await waiting).release();
    expect(await lockNodes()).toEqual([]);
  });

  it('grants a free lock with a zero timeout, and refuses at once when it is held', async () => {
    const coordinator = await zk.coordinator();
    const other = await zk.coordinator();
    const held = await coordinator.lock('migrate', 0);
    await expect(other.lock('migrate', 0)).rejects.toThrow(LockTimeoutError);
    await held.release();
    await held.release();
    await (await other.lock('migrate', 0)).release();
    await expect(other.lock('migrate', -1)).rejects.toThrow(RangeError);
  });

  it('a lock held by a session that expires passes to the next waiter', async () => {
    const holder = await zk.coordinator();
    const waiter = await zk.coordinator();
    await holder.lock('migrate', 1000);
    let granted = false;
    const next = waiter.lock('migrate', 10_000).then((lock) => ((granted = true), lock));
    await sleep(100);
    expect(granted).toBe(false);
    await holder.expireSession();
    await waitFor('the waiter to get the lock', () => granted, holder.sessionTimeoutMs);
    await (await next).release();
  });
});
