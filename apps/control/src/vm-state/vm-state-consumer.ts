import type { VmStateEvent } from '@ecs/contracts';
import type { InstanceEvent, InstanceStatus } from '@ecs/domain';
import type { EventBus, Subscription } from '@ecs/events';
import { createLogger } from '@ecs/observability';
import type { Database, InboxRepository, InstanceEntity, InstanceRepository, LedgerRepository, TaskRepository, Tx } from '@ecs/persistence';
import type { FleetView } from '../fleet/fleet-view';
import type { InstanceLifecycle, TransitionOptions } from '../instances/instance-lifecycle';
import { GroupCommit } from './group-commit';

const log = createLogger('control.vm-state');
const CONSUMER = 'control';
/** Reports applied per transaction at most; the bus keeps one report per instance in flight, so a batch never holds two for one instance. */
const MAX_BATCH = 64;
/** Concurrent batches on MySQL: enough to overlap statement round trips, few enough to leave the pool to the API. */
const PARALLEL_MYSQL_BATCHES = 4;

/** What a report changed beyond the database, to tell the fleet view once the transaction committed. */
interface Effects {
  readonly buildEndedOn?: string;
  readonly releasedOn?: string;
}

interface Reaction {
  readonly event: InstanceEvent;
  readonly options: TransitionOptions;
}

/**
 * Applies host reports to instances. Exactly-once in effect on an at-least-once stream: the inbox
 * drops redeliveries, `seq` drops reports older than one already applied, and a report only
 * completes the intent whose generation it answers.
 */
export class VmStateConsumer {
  private subscription: Subscription | undefined;
  private readonly batches: GroupCommit<VmStateEvent, Effects>;

  constructor(
    db: Database,
    private readonly events: EventBus,
    private readonly instances: InstanceRepository,
    private readonly inbox: InboxRepository,
    private readonly ledger: LedgerRepository,
    private readonly tasks: TaskRepository,
    private readonly lifecycle: InstanceLifecycle,
    private readonly fleet: FleetView,
  ) {
    this.batches = new GroupCommit(db, (tx, event) => this.apply(tx, event), MAX_BATCH, db.kind === 'mysql' ? PARALLEL_MYSQL_BATCHES : 1);
  }

  async start(): Promise<void> {
    this.subscription = await this.events.subscribe('ecs.vm-state', CONSUMER, (event) => this.handle(event));
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
  }

  async handle(event: VmStateEvent): Promise<void> {
    const effects = await this.batches.submit(event);
    if (effects.buildEndedOn) this.fleet.buildEnded(effects.buildEndedOn);
    if (effects.releasedOn) await this.fleet.refreshHost(effects.releasedOn);
  }

  private async apply(tx: Tx, event: VmStateEvent): Promise<Effects> {
    if (!(await this.inbox.firstDelivery(tx, CONSUMER, event.eventId))) return {};
    const row = await this.instances.get(event.instanceId, tx);
    if (!row || row.hostId !== event.hostId || event.seq <= row.lastEventSeq) return {};
    if (row.status === 'Deleted') {
      if (event.state !== 'absent') return {};
      await this.finishDeletion(tx, row);
      return { releasedOn: event.hostId };
    }
    const reaction = event.generation >= row.powerGeneration ? reactionTo(row.status, event) : undefined;
    if (!reaction) {
      await this.instances.update(tx, row.instanceId, row.version, { lastEventSeq: event.seq });
      return {};
    }
    const written = await this.lifecycle.apply(tx, row, reaction.event, { ...reaction.options, patch: { ...reaction.options.patch, lastEventSeq: event.seq } });
    return written && row.status === 'Starting' && row.hostId ? { buildEndedOn: row.hostId } : {};
  }

  private async finishDeletion(tx: Tx, row: InstanceEntity): Promise<void> {
    await this.ledger.release(tx, row.instanceId);
    const task = await this.tasks.pendingFor(tx, row.instanceId);
    if (task) await this.tasks.finish(tx, task.taskId, 'succeeded');
    log.debug('instance removed from its host; capacity released', { instanceId: row.instanceId });
  }
}

function reactionTo(status: InstanceStatus, event: VmStateEvent): Reaction | undefined {
  switch (event.state) {
    case 'running':
      return status === 'Starting' ? { event: 'started', options: { operationState: 'Success', finishTask: 'succeeded', patch: { startedAt: Date.now() } } } : undefined;
    case 'shutoff':
      return status === 'Stopping' ? { event: 'stopped', options: { operationState: 'Success', finishTask: 'succeeded' } } : undefined;
    case 'boot-failed':
      return status === 'Starting'
        ? { event: 'startFailed', options: { operationState: 'Failed', finishTask: 'failed', error: { code: 'InstanceBootFailed', message: event.reason ?? 'The guest failed to boot.' } } }
        : undefined;
    case 'crashed':
    case 'absent':
      // The agent restarts crashed guests and recreates missing ones that should run; the deadline covers the rest.
      return undefined;
  }
}
