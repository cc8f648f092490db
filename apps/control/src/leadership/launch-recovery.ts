import { createLogger } from '@ecs/observability';
import type { Database, InstanceEntity, LedgerRepository, StalledLaunchRepository } from '@ecs/persistence';
import type { InstanceLifecycle } from '../instances/instance-lifecycle';
import type { ControlLeadership } from './control-leadership';

const log = createLogger('control.recovery');
const BATCH = 100;

/**
 * A leader that dies between placing a launch's instances and powering them up leaves them
 * Pending, holding capacity, with no task whose deadline would end them. The leader after it rolls
 * such launches back, as a failed launch is rolled back: capacity released, the instance deleted
 * with its LatestOperationState Failed. Only instances older than `graceMs` count, so a launch the
 * current leader is still working on is never touched.
 */
export class LaunchRecovery {
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly db: Database,
    private readonly stalled: StalledLaunchRepository,
    private readonly ledger: LedgerRepository,
    private readonly lifecycle: InstanceLifecycle,
    private readonly graceMs: number,
    private readonly intervalMs: number,
  ) {}

  /** Sweeps while this replica leads; the timer starts inside the leader's scope, so its writes are fenced. */
  attach(leadership: ControlLeadership): void {
    leadership.onChange((leading) => {
      clearInterval(this.timer);
      this.timer = undefined;
      if (!leading) return;
      this.timer = setInterval(() => void this.sweep().catch((error: unknown) => log.warn('launch recovery failed', { error })), this.intervalMs);
      this.timer.unref();
    });
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async sweep(now = Date.now()): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const stalled = await this.stalled.pendingSince(now - this.graceMs, BATCH);
      let rolledBack = 0;
      for (const row of stalled) if (await this.rollBack(row)) rolledBack++;
      return rolledBack;
    } finally {
      this.running = false;
    }
  }

  private async rollBack(row: InstanceEntity): Promise<boolean> {
    const written = await this.db.transaction(async (tx) => {
      const written = await this.lifecycle.apply(tx, row, 'delete', {
        operationState: 'Failed',
        error: { code: 'InternalError', message: 'The launch was interrupted by a control failover before the instance was started.' },
        patch: { deletedAt: Date.now() },
      });
      if (written) await this.ledger.release(tx, row.instanceId);
      return written;
    });
    if (written) log.warn('rolled back a launch left half done by a previous leader', { instanceId: row.instanceId, accountId: row.accountId });
    return written !== undefined;
  }
}
