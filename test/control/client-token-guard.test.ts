import { IdempotencyRecordEntity, IdempotencyRepository } from '@ecs/persistence';
import { TEST_DATABASES, type TestDatabase } from '@ecs/testing';
import { ClientTokenGuard } from '@ecs/persistence';

describe.each(TEST_DATABASES)('ClientToken records on %s', (_name, open) => {
  let handle: TestDatabase;

  beforeAll(async () => {
    handle = await open();
  });
  afterAll(async () => handle.dispose());

  it('lets one replay take over a reservation whose first call died without answering', async () => {
    const records = new IdempotencyRepository(handle.db);
    const guard = new ClientTokenGuard(records);
    expect(await records.reserve('acct', 'tok-dead', 'RunInstances', 'hash-1')).toEqual({ kind: 'reserved' });
    // The process that reserved it died long ago: no answer was ever stored.
    await handle.db.transaction((m) => m.update(IdempotencyRecordEntity, { accountId: 'acct', clientToken: 'tok-dead' }, { createdAt: Date.now() - 10 * 60_000 }));
    let runs = 0;
    const work = async () => {
      runs++;
      return { instanceIds: ['i-fresh'] };
    };
    const answers = await Promise.all([guard.run('acct', 'tok-dead', 'RunInstances', 'hash-1', work), guard.run('acct', 'tok-dead', 'RunInstances', 'hash-1', work)]);
    expect(runs).toBe(1);
    expect(answers).toEqual([{ instanceIds: ['i-fresh'] }, { instanceIds: ['i-fresh'] }]);
    await expect(guard.run('acct', 'tok-dead', 'RunInstances', 'hash-2', work)).rejects.toMatchObject({ code: 'IdempotentParameterMismatch' });
  });
});
