import type { VmStateEvent } from '@ecs/contracts';
import type { InstanceEvent, InstanceStatus } from '@ecs/domain';
import type { EventBus, Subscription } from '@ecs/events';
import { createLogger } from '@ecs/observability';
import type { Database, InboxRepository, InstanceEntity, InstanceRepository, LedgerRepository, TaskRepository, Tx } from '@ecs/persistence';
import type { FleetView } from '../fleet/fleet-view';
import type { InstanceLifecycle, TransitionOptions } from '../instances/instance-lifecycle';

const log = createLogger('control.vm-state');
const CONSUMER = 'control';

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

  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly instances: InstanceRepository,
    private readonly inbox: InboxRepository,
    private readonly ledger: LedgerRepository,
    private readonly tasks: TaskRepository,
    private readonly lifecycle: InstanceLifecycle,
    private readonly fleet: FleetView,
  ) {}

  async start(): Promise<void> {
    this.subscription = await this.events.subscribe('ecs.vm-state', CONSUMER, (event) => this.handle(event));
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
  }

  async handle(event: VmStateEvent): Promise<void> {
    let released = false;
    const finishedBuildOn = await this.db.transaction(async (tx) => {
      if (!(await this.inbox.firstDelivery(tx, CONSUMER, event.eventId))) return undefined;
      const row = await this.instances.get(event.instanceId, tx);
      if (!row || row.hostId !== event.hostId || event.seq <= row.lastEventSeq) return undefined;
      if (row.status === 'Deleted') {
        if (event.state === 'absent') {
          await this.finishDeletion(tx, row);
          released = true;
        }
        return undefined;
      }
      const reaction = event.generation >= row.powerGeneration ? reactionTo(row.status, event) : undefined;
      if (!reaction) {
        await this.instances.update(tx, row.instanceId, row.version, { lastEventSeq: event.seq });
        return undefined;
      }
      const written = await this.lifecycle.apply(tx, row, reaction.event, { ...reaction.options, patch: { ...reaction.options.patch, lastEventSeq: event.seq } });
      return written && row.status === 'Starting' ? row.hostId : undefined;
    });
    if (finishedBuildOn) this.fleet.buildEnded(finishedBuildOn);
    if (released) await this.fleet.refreshHost(event.hostId);
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
