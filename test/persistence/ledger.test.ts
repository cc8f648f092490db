import { InstanceRepository, LedgerRepository, type Database } from '@ecs/persistence';
import { TEST_DATABASES, type TestDatabase } from '@ecs/testing';
import { instanceRow } from './instance-row';

describe.each(TEST_DATABASES)('capacity ledger on %s', (_name, open) => {
  let handle: TestDatabase;
  let db: Database;
  let ledger: LedgerRepository;
  let instances: InstanceRepository;

  beforeAll(async () => {
    handle = await open();
    db = handle.db;
    ledger = new LedgerRepository(db);
    instances = new InstanceRepository(db);
    await ledger.upsertHost({ hostId: 'h-1', zoneId: 'z-a', rack: 'r1', hostClass: 'x86-general', vcpus: 8, memoryMiB: 16384, diskGiB: 500, cpuAllocationRatio: 1, memoryAllocationRatio: 1 });
  });
  afterAll(async () => handle.dispose());

  it('never lets concurrent claimers overfill a host, whatever generation they read', async () => {
    const [host] = await ledger.hosts();
    const attempts = Array.from({ length: 12 }, (_, n) =>
      db.transaction(async (tx) => {
        // Everyone read the same generation; only CAS winners may proceed, and capacity is rechecked by the database.
        const won = await ledger.claim(tx, { hostId: 'h-1', expectedGeneration: host.generation + (n % 3), instanceId: `i-claim${n}`, accountId: 'a', vcpus: 2, memoryMiB: 4096, diskGiB: 40, deploymentSetId: null });
        return won;
      }),
    );
    const results = await Promise.all(attempts);
    const after = (await ledger.hosts())[0];
    const allocations = await ledger.allocationsOn('h-1');
    expect(after.usedVcpus).toBeLessThanOrEqual(8);
    expect(allocations.reduce((sum, a) => sum + a.vcpus, 0)).toBe(after.usedVcpus);
    expect(results.filter(Boolean).length).toBe(allocations.length);
  });

  it('applies a transition only from the expected version and an allowed status', async () => {
    await db.transaction((tx) => instances.insert(tx, instanceRow('i-cas1'), [{ key: 'env', value: 'test' }]));
    const first = await db.transaction((tx) => instances.transition(tx, 'i-cas1', 0, 'launch'));
    const stale = await db.transaction((tx) => instances.transition(tx, 'i-cas1', 0, 'launch'));
    const wrongState = await db.transaction((tx) => instances.transition(tx, 'i-cas1', 1, 'stop'));
    expect([first, stale, wrongState]).toEqual([true, false, false]);
    const row = await instances.get('i-cas1');
    expect(row).toMatchObject({ status: 'Starting', power: 'on', version: 1 });
    expect((await instances.tagsOf(['i-cas1'])).get('i-cas1')).toEqual([{ key: 'env', value: 'test' }]);
  });

  it('releases capacity exactly once', async () => {
    const before = (await ledger.hosts())[0];
    const [allocation] = await ledger.allocationsOn('h-1');
    await db.transaction((tx) => ledger.release(tx, allocation.instanceId));
    await db.transaction((tx) => ledger.release(tx, allocation.instanceId));
    const after = (await ledger.hosts())[0];
    expect(after.usedVcpus).toBe(before.usedVcpus - allocation.vcpus);
  });

  it('pages by token without gaps or repeats', async () => {
    for (let n = 0; n < 7; n++) await db.transaction((tx) => instances.insert(tx, { ...instanceRow(`i-page${n}`), accountId: 'pager', createdAt: 1000 + (n % 3) }, []));
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await instances.query({ accountId: 'pager', regionId: 'r', pageNumber: 1, pageSize: 3, maxResults: 3, nextToken: token });
      seen.push(...page.rows.map((r) => r.instanceId));
      expect(page.total).toBe(7);
      token = page.nextCursor;
    } while (token);
    expect(new Set(seen).size).toBe(7);
  });
});
