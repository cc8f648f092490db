import { StaleEpochError } from '@ecs/contracts';
import { AccountRepository, ControlFenceRepository, type Database } from '@ecs/persistence';
import { TEST_DATABASES, type TestDatabase } from '@ecs/testing';
import { fenceDatabase } from '../../apps/control/src/fencing/fenced-database';
import { LeaderScope } from '../../apps/control/src/fencing/leader-scope';

describe.each(TEST_DATABASES)('fenced leader-only writes (%s)', (kind, open) => {
  let test: TestDatabase;
  let scope: LeaderScope;
  let accounts: AccountRepository;
  let fenced: Database;

  beforeEach(async () => {
    test = await open();
    scope = new LeaderScope();
    fenced = fenceDatabase(test.db, new ControlFenceRepository(test.db), scope);
    accounts = new AccountRepository(fenced);
  });
  afterEach(() => test.dispose());

  const count = async () => (await new AccountRepository(test.db).listAccounts()).length;

  it('lets each newer leader write, and rolls back whatever an older one tries afterwards', async () => {
    await scope.run(1, () => accounts.createAccount('first leader'));
    await scope.run(2, () => accounts.createAccount('second leader'));
    const error = await scope.run(1, () => accounts.createAccount('deposed leader')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StaleEpochError);
    expect(error).toMatchObject({ commandEpoch: 1, currentEpoch: 2 });
    expect(await count()).toBe(2);
  });

  it('does not fence work outside a leader scope (the VM-state consumer every replica runs)', async () => {
    await scope.run(5, () => accounts.createAccount('leader'));
    await accounts.createAccount('consumer');
    expect(await count()).toBe(2);
  });

  it('runs a new leader’s first transactions side by side without tripping over the fence', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, n) => scope.run(7, () => accounts.createAccount(`burst ${n}`))));
    expect(await count()).toBe(20);
  });

  if (kind === 'mariadb') {
    it('makes a successor wait for a transaction its predecessor had begun, then refuses the predecessor', async () => {
      await scope.run(3, () => accounts.createAccount('before'));
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      const inFlight = scope.run(3, () => fenced.transaction(async () => held));
      await new Promise((resolve) => setTimeout(resolve, 200));
      let successorDone = false;
      const successor = scope.run(4, () => accounts.createAccount('successor')).then(() => (successorDone = true));
      await new Promise((resolve) => setTimeout(resolve, 500));
      // The predecessor's transaction holds the fence (shared): the successor cannot advance it yet.
      expect(successorDone).toBe(false);
      release();
      await inFlight;
      await successor;
      await expect(scope.run(3, () => accounts.createAccount('after'))).rejects.toBeInstanceOf(StaleEpochError);
      expect(await count()).toBe(2);
    });
  }
});
