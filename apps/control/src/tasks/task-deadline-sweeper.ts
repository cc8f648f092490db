import { canTransition, type InstanceEvent } from '@ecs/domain';
import { createLogger } from '@ecs/observability';
import type { Database, InstanceRepository, LedgerRepository, TaskEntity, TaskRepository } from '@ecs/persistence';
import type { HostCommander } from '../dispatch/host-commander';
import type { FleetView } from '../fleet/fleet-view';
import type { InstanceLifecycle } from '../instances/instance-lifecycle';

const log = createLogger('control.deadlines');
const BATCH = 100;

/** What an instance becomes when the host never confirmed its task in time. */
const ON_DEADLINE: Record<TaskEntity['kind'], InstanceEvent | 'release'> = {
  start: 'startFailed',
  reboot: 'startFailed',
  stop: 'stopForced',
  delete: 'release',
};

/**
 * Nothing stays transitional forever: a task past its deadline ends in a defined status — a start
 * or reboot becomes Stopped (failed), a stop is forced, a deletion releases its capacity — and the
 * host is told to power the guest off so that reality follows the record.
 */
export class TaskDeadlineSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly db: Database,
    private readonly tasks: TaskRepository,
    private readonly instances: InstanceRepository,
    private readonly ledger: LedgerRepository,
    private readonly lifecycle: InstanceLifecycle,
    private readonly commander: HostCommander,
    private readonly fleet: FleetView,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sweep().catch((error: unknown) => log.error('deadline sweep failed', { error })), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async sweep(now = Date.now()): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const overdue = await this.tasks.overdue(now, BATCH);
      for (const task of overdue) await this.expire(task);
      return overdue.length;
    } finally {
      this.running = false;
    }
  }

  private async expire(task: TaskEntity): Promise<void> {
    const outcome = ON_DEADLINE[task.kind];
    const written = await this.db.transaction(async (tx) => {
      if (!(await this.tasks.finish(tx, task.taskId, 'expired'))) return undefined;
      const row = await this.instances.get(task.instanceId, tx);
      if (!row) return undefined;
      if (outcome === 'release') {
        await this.ledger.release(tx, row.instanceId);
        return undefined;
      }
      if (row.powerGeneration !== task.powerGeneration || !canTransition(row.status, outcome)) return undefined;
      return this.lifecycle.apply(tx, row, outcome, {
        operationState: 'Failed',
        newIntent: true,
        error: { code: 'OperationTimeout', message: `The host did not confirm ${task.operation} before its deadline.` },
      });
    });
    if (!written) return;
    log.warn('task missed its deadline', { instanceId: task.instanceId, kind: task.kind, status: written.status });
    if (task.kind === 'start' && written.hostId) this.fleet.buildEnded(written.hostId);
    this.commander.send(written.hostId, { kind: 'destroy', instanceId: written.instanceId });
  }
}
