import type { VmStateEvent } from '@ecs/contracts';
import { InProcessCoordinator } from '@ecs/coordination';
import { InProcessEventBus } from '@ecs/events';
import { configureLogging } from '@ecs/observability';
import { InboxRepository, InstanceEntity, InstanceRepository, LedgerRepository, OutboxEntity, OutboxRepository, TaskRepository, type Database, type Tx } from '@ecs/persistence';
import { TEST_DATABASES, type TestDatabase } from '@ecs/testing';
import { FleetView } from '../../apps/control/src/fleet/fleet-view';
import { InstanceLifecycle } from '../../apps/control/src/instances/instance-lifecycle';
import { InboxPruner } from '../../apps/control/src/vm-state/inbox-pruner';
import { VmStateConsumer } from '../../apps/control/src/vm-state/vm-state-consumer';
import { instanceRow } from '../persistence/instance-row';

/**
 * VmStateConsumer's batch path on both databases: a run of reports applied in one transaction
 * with the same outcome as applying them one at a time, redeliveries changing nothing, and (on
 * MariaDB, where transactions really overlap) concurrent writers never clobbered.
 */
interface Harness {
  readonly db: Database;
  readonly instances: InstanceRepository;
  readonly ledger: LedgerRepository;
  readonly tasks: TaskRepository;
  readonly lifecycle: InstanceLifecycle;
  readonly fleet: FleetView;
  consumer(): VmStateConsumer;
}

function harness(db: Database): Harness {
  const instances = new InstanceRepository(db);
  const ledger = new LedgerRepository(db);
  const tasks = new TaskRepository(db);
  const lifecycle = new InstanceLifecycle(instances, tasks, new OutboxRepository(db), 60_000);
  const fleet = new FleetView(ledger, new InProcessCoordinator(), 60_000);
  return {
    db, instances, ledger, tasks, lifecycle, fleet,
    consumer: () => new VmStateConsumer(db, new InProcessEventBus(), instances, new InboxRepository(), ledger, tasks, lifecycle, fleet),
  };
}

let eventCounter = 0;
function report(instanceId: string, seq: number, fields: Partial<VmStateEvent> = {}): VmStateEvent {
  return { eventId: `e-${++eventCounter}-${instanceId}-${seq}`, hostId: 'h-1', instanceId, seq, state: 'running', generation: 1, observedAt: new Date().toISOString(), ...fields };
}

async function seed(h: Harness, instanceId: string, fields: Partial<InstanceEntity>): Promise<void> {
  await h.db.transaction((tx) => h.instances.insert(tx, Object.assign(instanceRow(instanceId), fields), []));
}

async function row(h: Harness, instanceId: string): Promise<InstanceEntity> {
  const found = await h.instances.get(instanceId);
  if (!found) throw new Error(`no row ${instanceId}`);
  return found;
}

async function lifecycleEventsOf(h: Harness, instanceId: string): Promise<number> {
  return h.db.read((m) => m.countBy(OutboxEntity, { key: instanceId, topic: 'ecs.instance-lifecycle' }));
}

const STARTING = { status: 'Starting', power: 'on', powerGeneration: 1, version: 1 } as const;
const RUNNING = { status: 'Running', power: 'on', powerGeneration: 1, version: 2 } as const;

describe.each(TEST_DATABASES)('VmStateConsumer batches on %s', (_name, open) => {
  let handle: TestDatabase;
  let h: Harness;

  beforeAll(async () => {
    configureLogging({ level: 'silent' });
    handle = await open();
    h = harness(handle.db);
    await h.ledger.upsertHost({ hostId: 'h-1', zoneId: 'z-a', rack: 'r1', hostClass: 'x86-general', vcpus: 64, memoryMiB: 262144, diskGiB: 4000, cpuAllocationRatio: 1, memoryAllocationRatio: 1 });
  });
  afterAll(async () => handle.dispose());
  afterEach(() => jest.restoreAllMocks());

  it('folds a run per instance: a reaction where it occurs, seq-only advances, stale and foreign reports dropped', async () => {
    await seed(h, 'i-fold-a', STARTING);
    await seed(h, 'i-fold-b', { ...RUNNING, lastEventSeq: 10 });
    await seed(h, 'i-fold-c', RUNNING);
    await h.db.transaction((tx) => h.tasks.open(tx, { instanceId: 'i-fold-a', kind: 'start', operation: 'RunInstances', powerGeneration: 1, deadlineAt: Date.now() + 60_000 }));
    const buildEnded = jest.spyOn(h.fleet, 'buildEnded');
    const run = [
      // An answer to an older intent only moves seq; the next report completes the start mid-run; the last only moves seq.
      report('i-fold-a', 1, { generation: 0 }),
      report('i-fold-b', 5),
      report('i-fold-a', 2),
      report('i-fold-b', 11),
      report('i-fold-c', 3, { hostId: 'h-2' }),
      report('i-fold-a', 3),
      report('i-fold-b', 9),
    ];
    const outcome = await h.consumer().handleBatch(run);

    expect(await row(h, 'i-fold-a')).toMatchObject({ status: 'Running', version: 2, lastEventSeq: 3, latestOperationState: 'Success' });
    expect((await row(h, 'i-fold-a')).startedAt).not.toBeNull();
    expect(await h.db.transaction((tx) => h.tasks.pendingFor(tx, 'i-fold-a'))).toBeUndefined();
    expect(await lifecycleEventsOf(h, 'i-fold-a')).toBe(1);
    expect(buildEnded.mock.calls).toEqual([['h-1']]);
    // Seq-only advances never bump the version, so they never fail a concurrent compare-and-swap.
    expect(await row(h, 'i-fold-b')).toMatchObject({ status: 'Running', version: 2, lastEventSeq: 11 });
    expect(await row(h, 'i-fold-c')).toMatchObject({ version: 2, lastEventSeq: 0 });
    expect(outcome.changed).toEqual(['i-fold-a']);
    expect(outcome.applied).toBe(4);
    expect(outcome.latest.get('i-fold-a')).toEqual({ status: 'Running', seq: 3 });
    expect(outcome.latest.get('i-fold-b')).toEqual({ status: 'Running', seq: 11 });
    expect(outcome.latest.has('i-fold-c')).toBe(false);
  });

  it('changes nothing when a whole run comes again, and applies only the new reports of a mixed one', async () => {
    await seed(h, 'i-again-a', STARTING);
    await seed(h, 'i-again-b', RUNNING);
    const run = [report('i-again-a', 1), report('i-again-b', 1), report('i-again-b', 2)];
    const consumer = h.consumer();
    await consumer.handleBatch(run);
    const before = [await row(h, 'i-again-a'), await row(h, 'i-again-b')];

    const again = await consumer.handleBatch(run);
    expect(again).toMatchObject({ applied: 0, changed: [] });
    expect([await row(h, 'i-again-a'), await row(h, 'i-again-b')]).toEqual(before);
    expect(await lifecycleEventsOf(h, 'i-again-a')).toBe(1);

    // A redelivered prefix and new reports; one new report is older than one applied.
    const mixed = [...run, report('i-again-b', 4), report('i-again-b', 3), report('i-again-a', 5, { state: 'shutoff' })];
    const outcome = await consumer.handleBatch(mixed);
    expect(outcome.applied).toBe(2);
    expect(await row(h, 'i-again-b')).toMatchObject({ lastEventSeq: 4, version: 2 });
    // shutoff while Running is not a reaction: the agent restarts it or the deadline acts.
    expect(await row(h, 'i-again-a')).toMatchObject({ status: 'Running', lastEventSeq: 5, version: 2 });
  });

  it('completes only the intent a report answers, and treats an event id twice in one run once', async () => {
    await seed(h, 'i-intent', { status: 'Stopping', power: 'off', powerGeneration: 3, version: 5 });
    const twice = report('i-intent', 2, { state: 'shutoff', generation: 3 });
    const outcome = await h.consumer().handleBatch([report('i-intent', 1, { state: 'shutoff', generation: 2 }), twice, { ...twice, seq: 3 }]);
    expect(outcome.applied).toBe(2);
    expect(await row(h, 'i-intent')).toMatchObject({ status: 'Stopped', version: 6, lastEventSeq: 2 });
  });

  it('releases a Deleted instance\'s capacity and finishes its task on absent, once per run', async () => {
    await seed(h, 'i-gone', { status: 'Deleted', power: 'absent', powerGeneration: 2, version: 4 });
    await h.db.transaction(async (tx) => {
      const host = await h.ledger.hostIn(tx, 'h-1');
      expect(await h.ledger.claim(tx, { hostId: 'h-1', expectedGeneration: host!.generation, instanceId: 'i-gone', accountId: 'a', vcpus: 2, memoryMiB: 4096, diskGiB: 40, deploymentSetId: null })).toBe(true);
      await h.tasks.open(tx, { instanceId: 'i-gone', kind: 'delete', operation: 'DeleteInstance', powerGeneration: 2, deadlineAt: Date.now() + 60_000 });
    });
    const refreshed = jest.spyOn(h.fleet, 'refreshHost');
    const usedBefore = (await h.ledger.host('h-1'))!.usedVcpus;
    const outcome = await h.consumer().handleBatch([report('i-gone', 1, { state: 'running' }), report('i-gone', 2, { state: 'absent', generation: 2 }), report('i-gone', 3, { state: 'absent', generation: 2 })]);
    expect((await h.ledger.host('h-1'))!.usedVcpus).toBe(usedBefore - 2);
    expect(await h.ledger.allocationsOn('h-1')).not.toContainEqual(expect.objectContaining({ instanceId: 'i-gone' }));
    expect(await h.db.transaction((tx) => h.tasks.pendingFor(tx, 'i-gone'))).toBeUndefined();
    expect(refreshed.mock.calls).toEqual([['h-1']]);
    expect(outcome.applied).toBe(1);
  });

  it('drops malformed reports instead of holding the run for them', async () => {
    await seed(h, 'i-malformed', RUNNING);
    const tooLong = report('i-malformed', 1, { eventId: 'x'.repeat(41) });
    const outcome = await h.consumer().handleBatch([tooLong, { ...report('i-malformed', 2), seq: Number.NaN }, report('i-malformed', 3)]);
    expect(outcome.applied).toBe(1);
    expect(await row(h, 'i-malformed')).toMatchObject({ lastEventSeq: 3 });
  });

  it('prunes inbox records past the retention with a sweep in key order, keeping recent ones', async () => {
    const inbox = new InboxRepository();
    const ids = Array.from({ length: 25 }, (_, n) => `prune-${String(n).padStart(3, '0')}`);
    await h.db.transaction((tx) => inbox.firstDeliveries(tx, 'prune-test', ids));
    // Age every other record past the retention.
    const old = ids.filter((_, n) => n % 2 === 0);
    await h.db.transaction((tx) => tx.query(`UPDATE inbox SET processed_at = 1 WHERE consumer = 'prune-test' AND event_id IN (${old.map(() => '?').join(', ')})`, old));
    const pruner = new InboxPruner(h.db, inbox, 'prune-test', { retentionMs: 60_000, stepRows: 4, minRowsPerTick: 12 });
    await pruner.tick();
    const left = async () => (await h.db.read((m) => m.query<{ event_id: string }[]>("SELECT event_id FROM inbox WHERE consumer = 'prune-test' ORDER BY event_id"))).map((r) => r.event_id);
    // The first tick covered the first 12 keys.
    expect((await left()).filter((id) => old.includes(id))).toEqual(old.filter((id) => id > ids[11]));
    await pruner.tick();
    await pruner.tick();
    expect(await left()).toEqual(ids.filter((_, n) => n % 2 === 1));
    // A pruned id is a first delivery again: by then `seq` keeps a replayed report from being applied twice.
    expect(await h.db.transaction((tx) => inbox.firstDeliveries(tx, 'prune-test', [ids[0], ids[1]], { lookFirst: true }))).toEqual(new Set([ids[0]]));
  });
});

describe('VmStateConsumer batches against concurrent writers on mariadb', () => {
  let handle: TestDatabase;
  let h: Harness;

  beforeAll(async () => {
    configureLogging({ level: 'silent' });
    handle = await TEST_DATABASES.find(([name]) => name === 'mariadb')![1]();
    h = harness(handle.db);
  });
  afterAll(async () => handle.dispose());
  afterEach(() => jest.restoreAllMocks());

  /** Runs `write` in its own committed transaction right after the batch's transaction took its snapshot (its first read of instances). */
  function afterSnapshot(write: (tx: Tx) => Promise<unknown>): void {
    const read = h.instances.eventStates.bind(h.instances);
    jest.spyOn(h.instances, 'eventStates').mockImplementationOnce(async (tx, ids) => {
      const states = await read(tx, ids);
      await h.db.transaction(write);
      return states;
    });
  }

  it('a seq advance never clobbers a status change committed after its snapshot', async () => {
    await seed(h, 'i-cas-stop', { ...RUNNING, lastEventSeq: 1 });
    // StopInstance commits while the batch holds its snapshot of the Running row.
    afterSnapshot((tx) => h.lifecycle.apply(tx, Object.assign(instanceRow('i-cas-stop'), { ...RUNNING, lastEventSeq: 1 }), 'stop', { operation: 'StopInstance', operationState: 'Processing', newIntent: true }));
    const outcome = await h.consumer().handleBatch([report('i-cas-stop', 2), report('i-cas-stop', 3)]);
    expect(outcome.changed).toEqual([]);
    expect(await row(h, 'i-cas-stop')).toMatchObject({ status: 'Stopping', power: 'off', powerGeneration: 2, version: 3, latestOperation: 'StopInstance', lastEventSeq: 3 });
  });

  it('a seq advance never moves seq backwards past one written after its snapshot', async () => {
    await seed(h, 'i-cas-seq', RUNNING);
    afterSnapshot((tx) => h.instances.advanceEventSeqs(tx, [{ instanceId: 'i-cas-seq', hostId: 'h-1', seq: 50 }]));
    await h.consumer().handleBatch([report('i-cas-seq', 7)]);
    expect(await row(h, 'i-cas-seq')).toMatchObject({ lastEventSeq: 50, version: 2 });
  });

  it('a reaction that loses its compare-and-swap judges the report again against the row as it now is', async () => {
    await seed(h, 'i-cas-lost', STARTING);
    // The deadline sweeper fails the start after the batch read the row as Starting.
    afterSnapshot((tx) => h.instances.transition(tx, 'i-cas-lost', 1, 'startFailed'));
    const outcome = await h.consumer().handleBatch([report('i-cas-lost', 4)]);
    // running while Stopped is no reaction: only seq moves, and the Stopped status stays.
    expect(outcome.changed).toEqual([]);
    expect(await row(h, 'i-cas-lost')).toMatchObject({ status: 'Stopped', version: 2, lastEventSeq: 4 });
    expect(await lifecycleEventsOf(h, 'i-cas-lost')).toBe(0);
  });

  it('two group members applying the same run at once apply each report once', async () => {
    const ids = Array.from({ length: 20 }, (_, n) => `i-overlap${n}`);
    for (const id of ids) await seed(h, id, STARTING);
    const run = ids.flatMap((id) => [report(id, 1), report(id, 2)]);
    const [first, second] = await Promise.all([h.consumer().handleBatch(run), h.consumer().handleBatch(run)]);
    expect(first.applied + second.applied).toBe(run.length);
    for (const id of ids) {
      expect(await row(h, id)).toMatchObject({ status: 'Running', version: 2, lastEventSeq: 2 });
      expect(await lifecycleEventsOf(h, id)).toBe(1);
    }
  });
});
