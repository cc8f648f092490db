import { InstanceRepository, LedgerRepository, OutboxRepository, StalledLaunchRepository, TaskRepository, type Database } from '@ecs/persistence';
import { configureLogging } from '@ecs/observability';
import { TEST_DATABASES, type TestDatabase } from '@ecs/testing';
import { InstanceLifecycle } from '../../apps/control/src/instances/instance-lifecycle';
import { LaunchRecovery } from '../../apps/control/src/leadership/launch-recovery';
import { instanceRow } from '../persistence/instance-row';

const GRACE_MS = 60_000;

describe.each(TEST_DATABASES)('launches a dead leader left half done (%s)', (_kind, open) => {
  let test: TestDatabase;
  let db: Database;
  let ledger: LedgerRepository;
  let instances: InstanceRepository;
  let recovery: LaunchRecovery;

  beforeEach(async () => {
    configureLogging({ level: 'silent' });
    test = await open();
    db = test.db;
    ledger = new LedgerRepository(db);
    instances = new InstanceRepository(db);
    const lifecycle = new InstanceLifecycle(instances, new TaskRepository(db), new OutboxRepository(db), GRACE_MS);
    recovery = new LaunchRecovery(db, new StalledLaunchRepository(db), ledger, lifecycle, GRACE_MS, 1_000);
    await ledger.upsertHost({ hostId: 'h-1', zoneId: 'z-a', rack: 'r1', hostClass: 'x86-general', vcpus: 8, memoryMiB: 16384, diskGiB: 500, cpuAllocationRatio: 1, memoryAllocationRatio: 1 });
  });
  afterEach(() => test.dispose());

  /** What placement leaves: the claim and the Pending row, in one transaction. */
  async function placed(instanceId: string, createdAt: number): Promise<void> {
    const [host] = await ledger.hosts();
    await db.transaction(async (tx) => {
      expect(await ledger.claim(tx, { hostId: 'h-1', expectedGeneration: host.generation, instanceId, accountId: 'a', vcpus: 2, memoryMiB: 4096, diskGiB: 40, deploymentSetId: null })).toBe(true);
      await instances.insert(tx, Object.assign(instanceRow(instanceId), { createdAt }), []);
    });
  }

  it('rolls back an instance placed but never powered up within a task deadline, and gives its capacity back', async () => {
    const now = Date.now();
    await placed('i-orphan01', now - GRACE_MS - 1);
    await placed('i-inflight1', now - 1_000);
    expect(await recovery.sweep(now)).toBe(1);
    expect((await instances.get('i-orphan01'))).toMatchObject({ status: 'Deleted', latestOperationState: 'Failed', latestOperationError: 'InternalError' });
    // A launch younger than the deadline may still be in the hands of the current leader.
    expect((await instances.get('i-inflight1'))?.status).toBe('Pending');
    const [host] = await ledger.hosts();
    expect(host.usedVcpus).toBe(2);
    expect(await recovery.sweep(now)).toBe(0);
  });
});
