import type { VmStateEvent } from '@ecs/contracts';
import { InProcessCoordinator } from '@ecs/coordination';
import { deleteKafkaPrefix, KafkaEventBus } from '@ecs/events';
import { configureLogging } from '@ecs/observability';
import { InboxRepository, InstanceEntity, InstanceRepository, LedgerRepository, OutboxEntity, OutboxRepository, TaskRepository } from '@ecs/persistence';
import { kafkaTestBrokers, kafkaTestPrefix, mariadbTestDatabase, type TestDatabase } from '@ecs/testing';
import { FleetView } from '../../apps/control/src/fleet/fleet-view';
import { InstanceLifecycle } from '../../apps/control/src/instances/instance-lifecycle';
import { VmStateConsumer, type VmStateBatchOutcome } from '../../apps/control/src/vm-state/vm-state-consumer';
import { instanceRow } from '../persistence/instance-row';

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Control's VM-state consumer as deployed: a batch subscription on Kafka applying runs to MariaDB.
 * A run whose transaction committed but whose handler failed afterwards (here: the step after the
 * commit) is redelivered whole by Kafka and changes nothing the second time.
 */
describe('VmStateConsumer on Kafka and MariaDB', () => {
  let brokers: string[];
  let prefix: string;
  let handle: TestDatabase;
  let agent: KafkaEventBus;
  let control: KafkaEventBus;
  let consumer: VmStateConsumer;
  let instances: InstanceRepository;

  beforeAll(async () => {
    configureLogging({ level: 'silent' });
    brokers = await kafkaTestBrokers();
  }, 600_000);

  beforeEach(async () => {
    prefix = kafkaTestPrefix('vm-state');
    handle = await mariadbTestDatabase();
    instances = new InstanceRepository(handle.db);
    const ledger = new LedgerRepository(handle.db);
    const tasks = new TaskRepository(handle.db);
    agent = new KafkaEventBus({ brokers, clientId: 'ecs-vm-state-test-agent', topicPrefix: prefix });
    control = new KafkaEventBus({ brokers, clientId: 'ecs-vm-state-test-control', topicPrefix: prefix, retryBackoff: { initialMs: 50, maxMs: 200 } });
    consumer = new VmStateConsumer(handle.db, control, instances, new InboxRepository(), ledger, tasks, new InstanceLifecycle(instances, tasks, new OutboxRepository(handle.db), 60_000), new FleetView(ledger, new InProcessCoordinator(), 60_000));
  });

  afterEach(async () => {
    await consumer.stop();
    await Promise.all([agent.close(), control.close()]);
    await deleteKafkaPrefix(brokers, prefix);
    await handle.dispose();
  });

  it('applies each report once when a committed run is redelivered whole', async () => {
    const ids = Array.from({ length: 30 }, (_, n) => `i-kafka${String(n).padStart(2, '0')}`);
    await handle.db.transaction(async (tx) => {
      for (const id of ids) await instances.insert(tx, Object.assign(instanceRow(id), { status: 'Starting', power: 'on', powerGeneration: 1, version: 1 }), []);
    });
    const deliveries = new Map<string, number>();
    const outcomes: VmStateBatchOutcome[] = [];
    let failAfterCommit = true;
    await consumer.start(async (events, outcome) => {
      for (const e of events) deliveries.set(e.eventId, (deliveries.get(e.eventId) ?? 0) + 1);
      outcomes.push(outcome);
      if (failAfterCommit && outcome.changed.length > 0) {
        failAfterCommit = false;
        throw new Error('the step after the commit failed');
      }
    });
    // Every instance: Starting → Running on its first report, then two reports that only move seq.
    const reports: VmStateEvent[] = [];
    for (let seq = 1; seq <= 3; seq++) {
      for (const id of ids) reports.push({ eventId: `${id}-${seq}`, hostId: 'h-1', instanceId: id, seq, state: 'running', generation: 1, observedAt: new Date().toISOString() });
    }
    await Promise.all(reports.map((r) => agent.publish('ecs.vm-state', r.instanceId, r)));

    const rows = () => handle.db.read((m) => m.find(InstanceEntity, { order: { instanceId: 'ASC' } }));
    await until(async () => (await rows()).every((r) => r.lastEventSeq === 3), 'every instance to reach its last report');
    await until(() => reports.every((r) => deliveries.has(r.eventId)), 'every delivery');
    expect(failAfterCommit).toBe(false);
    // The failed run comes again after the backoff; its second delivery applies nothing.
    await until(() => [...deliveries.values()].some((n) => n > 1), 'the redelivery');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(outcomes.reduce((sum, o) => sum + o.applied, 0)).toBe(reports.length);
    for (const row of await rows()) expect(row).toMatchObject({ status: 'Running', version: 2, lastEventSeq: 3 });
    expect(await handle.db.read((m) => m.countBy(OutboxEntity, { topic: 'ecs.instance-lifecycle' }))).toBe(ids.length);
  });
});
