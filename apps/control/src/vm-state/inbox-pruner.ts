import { createLogger } from '@ecs/observability';
import type { Database, InboxRepository } from '@ecs/persistence';

const log = createLogger('control.vm-state');

export interface InboxPrunerOptions {
  /**
   * How long a record is kept. Redeliveries come from offsets not yet committed (a crash or a
   * rebalance: seconds); older reports replayed from the log are dropped by `seq` anyway.
   */
  readonly retentionMs: number;
  readonly intervalMs: number;
  /** Records one sweep step reads. */
  readonly stepRows: number;
  /** Records a tick reads at least; more when more were recorded since the last tick. */
  readonly minRowsPerTick: number;
}

const DEFAULTS: InboxPrunerOptions = { retentionMs: 10 * 60_000, intervalMs: 10_000, stepRows: 5_000, minRowsPerTick: 10_000 };

/**
 * Keeps the inbox (one row per report) from growing without bound. Each tick continues a sweep
 * over the consumer's records in key order (InboxRepository.pruneStep), deleting those older than
 * the retention. A tick reads twice as many records as this process recorded since the last one
 * (at least `minRowsPerTick`), so the sweep outpaces the growth and the table stays at about twice
 * a retention's worth of reports. Failures are logged and the next tick carries on.
 */
export class InboxPruner {
  private readonly options: InboxPrunerOptions;
  private timer: NodeJS.Timeout | undefined;
  private cursor = '';
  private sinceLastTick = 0;
  private running: Promise<void> | undefined;

  constructor(
    private readonly db: Database,
    private readonly inbox: InboxRepository,
    private readonly consumer: string,
    options: Partial<InboxPrunerOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  /** No further ticks; resolves once a tick in flight has finished. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Counts records this process added, which sets how far the next tick reads. */
  recorded(count: number): void {
    this.sinceLastTick += count;
  }

  /** One tick's worth of sweeping; a tick still running makes this one a no-op. */
  tick(): Promise<void> {
    this.running ??= this.sweep().finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweep(): Promise<void> {
    let budget = Math.max(this.options.minRowsPerTick, 2 * this.sinceLastTick);
    this.sinceLastTick = 0;
    const before = Date.now() - this.options.retentionMs;
    let deleted = 0;
    try {
      while (budget > 0) {
        const step = await this.inbox.pruneStep(this.db, this.consumer, this.cursor, before, Math.min(this.options.stepRows, budget));
        budget -= this.options.stepRows;
        deleted += step.deleted;
        // At the end the next tick starts over from the first key.
        this.cursor = step.next ?? '';
        if (step.next === undefined) break;
      }
      if (deleted > 0) log.debug('inbox pruned', { consumer: this.consumer, deleted });
    } catch (error) {
      log.warn('inbox pruning failed; the next tick carries on', { consumer: this.consumer, error });
    }
  }
}
