import type { InstanceLifecycleEvent } from '@ecs/contracts';
import { transitionFor, type InstanceEvent, type OperationState } from '@ecs/domain';
import type { InstanceEntity, InstancePatch, InstanceRepository, OutboxRepository, TaskKind, TaskRepository, Tx } from '@ecs/persistence';

export interface TransitionOptions {
  /** Names the operation shown as LatestOperation (RunInstances, StopInstance …). */
  readonly operation?: string;
  readonly operationState: OperationState;
  readonly error?: { readonly code: string; readonly message: string };
  /** Open a durable task with a deadline for the host to reach the new intent. */
  readonly openTask?: TaskKind;
  /** Close the instance's pending task with this outcome. */
  readonly finishTask?: 'succeeded' | 'failed' | 'expired';
  /** A new power intent: agents tell new asks from old ones by this generation. */
  readonly newIntent?: boolean;
  readonly patch?: InstancePatch;
}

/**
 * The single write path for instance status: the compare-and-swap, the task that waits for the
 * host, and the outbox event describing the change, all in the caller's transaction.
 */
export class InstanceLifecycle {
  constructor(
    private readonly instances: InstanceRepository,
    private readonly tasks: TaskRepository,
    private readonly outbox: OutboxRepository,
    private readonly taskDeadlineMs: number,
  ) {}

  /** Returns the row as written, or undefined when another writer changed it first. */
  async apply(tx: Tx, row: InstanceEntity, event: InstanceEvent, options: TransitionOptions): Promise<InstanceEntity | undefined> {
    const t = transitionFor(event);
    const powerGeneration = options.newIntent ? row.powerGeneration + 1 : row.powerGeneration;
    const patch: InstancePatch = {
      ...options.patch,
      powerGeneration,
      latestOperation: options.operation ?? row.latestOperation,
      latestOperationState: options.operationState,
      latestOperationError: options.error?.code ?? null,
      latestOperationMessage: options.error?.message ?? null,
    };
    if (!(await this.instances.transition(tx, row.instanceId, row.version, event, patch))) return undefined;
    const written: InstanceEntity = Object.assign(Object.create(Object.getPrototypeOf(row) as object) as InstanceEntity, row, patch, {
      status: t.to,
      power: t.power,
      version: row.version + 1,
    });
    if (options.finishTask) {
      const pending = await this.tasks.pendingFor(tx, row.instanceId);
      if (pending) await this.tasks.finish(tx, pending.taskId, options.finishTask);
    }
    if (options.openTask) {
      await this.tasks.open(tx, {
        instanceId: row.instanceId,
        kind: options.openTask,
        operation: written.latestOperation ?? options.openTask,
        powerGeneration,
        deadlineAt: Date.now() + this.taskDeadlineMs,
      });
    }
    await this.outbox.add(tx, 'ecs.instance-lifecycle', row.instanceId, lifecycleEvent(written));
    return written;
  }
}

function lifecycleEvent(row: InstanceEntity): Omit<InstanceLifecycleEvent, 'eventId'> {
  return {
    instanceId: row.instanceId,
    accountId: row.accountId,
    status: row.status,
    operation: row.latestOperation ?? '',
    operationState: row.latestOperationState ?? '',
    seq: row.version,
    at: new Date().toISOString(),
  };
}
