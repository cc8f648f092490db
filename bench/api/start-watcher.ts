import type { Database } from '@ecs/persistence';

const POLL_MS = 10;
const TIMEOUT_MS = 60_000;

interface Waiter {
  readonly since: number;
  readonly resolve: (startedAt: number) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Resolves each watched instance's StartTime as control recorded it. One query per poll covers every
 * launch in flight: the time is read from the row, so how often we look changes nothing measured.
 */
export class StartWatcher {
  private readonly waiters = new Map<string, Waiter>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly db: Database) {}

  startOf(instanceId: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiters.set(instanceId, { since: Date.now(), resolve, reject });
      this.timer ??= setTimeout(() => void this.poll(), POLL_MS);
    });
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const [id, waiter] of this.waiters) waiter.reject(new Error(`stopped watching ${id}`));
    this.waiters.clear();
  }

  private async poll(): Promise<void> {
    const ids = [...this.waiters.keys()];
    let rows: { instance_id: string; started_at: number | string | null }[];
    try {
      rows = await this.db.read((m) => m.query(`SELECT instance_id, started_at FROM instances WHERE instance_id IN (${ids.map(() => '?').join(',')})`, ids));
    } catch (error) {
      this.timer = undefined;
      for (const waiter of this.waiters.values()) waiter.reject(error instanceof Error ? error : new Error(String(error)));
      this.waiters.clear();
      return;
    }
    for (const row of rows) {
      const waiter = this.waiters.get(row.instance_id);
      if (!waiter || row.started_at === null) continue;
      this.waiters.delete(row.instance_id);
      waiter.resolve(Number(row.started_at));
    }
    const now = Date.now();
    for (const [id, waiter] of this.waiters) {
      if (now - waiter.since < TIMEOUT_MS) continue;
      this.waiters.delete(id);
      waiter.reject(new Error(`${id} did not reach Running`));
    }
    this.timer = this.waiters.size > 0 ? setTimeout(() => void this.poll(), POLL_MS) : undefined;
  }
}
