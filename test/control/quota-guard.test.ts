import { AccountEntity, InstanceRepository, LedgerRepository, QuotaRepository, type Database } from '@ecs/persistence';
import { TEST_DATABASES, type TestDatabase } from '@ecs/testing';
import { QuotaGuard } from '../../apps/control/src/quota/quota-guard';
import { instanceRow } from '../persistence/instance-row';

describe.each(TEST_DATABASES)('quota checks inside concurrent claims on %s', (_name, open) => {
  let handle: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    handle = await open();
    db = handle.db;
  });
  afterAll(async () => handle.dispose());

  it('admits exactly the quota, whatever the interleaving of transactions', async () => {
    const ledger = new LedgerRepository(db);
    const instances = new InstanceRepository(db);
    const quotas = new QuotaRepository(db, { maxVcpus: 1000, maxInstances: 1000 });
    const guard = new QuotaGuard(quotas, ledger);
    await db.transaction((m) => m.insert(AccountEntity, { accountId: 'a', name: 'a', createdAt: Date.now() }));
    await quotas.set({ accountId: 'a', regionId: 'r', maxVcpus: 1000, maxInstances: 3 });
    await ledger.upsertHost({ hostId: 'h-1', zoneId: 'z-a', rack: 'r1', hostClass: 'x86-general', vcpus: 64, memoryMiB: 262144, diskGiB: 4000, cpuAllocationRatio: 1, memoryAllocationRatio: 1 });

    const attempts = Array.from({ length: 12 }, (_, n) =>
      db.transaction(async (tx) => {
        await guard.admit(tx, { accountId: 'a', regionId: 'r', vcpus: 2, instances: 1 });
        const host = await ledger.hostIn(tx, 'h-1');
        if (!(await ledger.claim(tx, { hostId: 'h-1', expectedGeneration: host!.generation, instanceId: `i-quota${n}`, accountId: 'a', vcpus: 2, memoryMiB: 8192, diskGiB: 40, deploymentSetId: null }))) return 'lost';
        await instances.insert(tx, { ...instanceRow(`i-quota${n}`), mac: `00:16:3e:00:01:${String(n).padStart(2, '0')}` }, []);
        return 'placed';
      }).catch((error: { code?: string }) => error.code ?? 'error'),
    );
    const results = await Promise.all(attempts);
    expect(results.filter((r) => r === 'placed')).toHaveLength(3);
    expect(results.filter((r) => r !== 'placed').every((r) => r === 'QuotaExceed.Instance')).toBe(true);
    expect(await ledger.usageOf('a', 'r')).toEqual({ vcpus: 6, instances: 3 });
  });
});
