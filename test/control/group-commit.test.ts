import { sqliteTestDatabase, type TestDatabase } from '@ecs/testing';
import { GroupCommit } from '../../apps/control/src/vm-state/group-commit';

describe('GroupCommit', () => {
  let handle: TestDatabase;

  beforeAll(async () => {
    handle = await sqliteTestDatabase();
  });
  afterAll(async () => handle.dispose());

  it('shares one transaction among items that arrive while a commit is in flight', async () => {
    const transactions = jest.spyOn(handle.db, 'transaction');
    const batches = new GroupCommit<number, number>(handle.db, async (_tx, n) => n * 2, 64);
    const results = await Promise.all(Array.from({ length: 40 }, (_, n) => batches.submit(n)));
    expect(results).toEqual(Array.from({ length: 40 }, (_, n) => n * 2));
    // The first item commits alone; everything queued behind it shares the next transaction.
    expect(transactions.mock.calls.length).toBeLessThanOrEqual(3);
    transactions.mockRestore();
  });

  it('fails only the bad item of a batch; its neighbours still commit', async () => {
    const applied: number[] = [];
    const batches = new GroupCommit<number, void>(
      handle.db,
      async (_tx, n) => {
        if (n === 3) throw new Error('poison');
        applied.push(n);
      },
      64,
    );
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, (_, n) => batches.submit(n)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(new Set(applied)).toEqual(new Set([0, 1, 2, 4, 5]));
  });
});
