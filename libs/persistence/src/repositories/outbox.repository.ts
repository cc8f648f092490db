import { randomUUID } from 'node:crypto';
import { In, IsNull, type QueryRunner } from 'typeorm';
import type { Database } from '../database';
import { isDuplicateKey } from '../database';
import { InboxEntity, OutboxEntity } from '../entities';
import type { Tx } from '../transaction';

export interface OutboxMessage {
  readonly eventId: string;
  readonly topic: string;
  readonly key: string;
  readonly payload: string;
}

/** Events written in the transaction of the change they describe; the relay publishes them later. */
export class OutboxRepository {
  constructor(private readonly db: Database) {}

  async add(tx: Tx, topic: string, key: string, payload: object & { eventId?: string }): Promise<string> {
    const eventId = payload.eventId ?? randomUUID();
    await tx.insert(OutboxEntity, { eventId, topic, key, payload: JSON.stringify({ ...payload, eventId }), createdAt: Date.now(), publishedAt: null });
    return eventId;
  }

  async unpublished(limit: number): Promise<OutboxMessage[]> {
    const rows = await this.db.read((m) => m.find(OutboxEntity, { where: { publishedAt: IsNull() }, order: { createdAt: 'ASC' }, take: limit }));
    return rows.map((r) => ({ eventId: r.eventId, topic: r.topic, key: r.key, payload: r.payload }));
  }

  async markPublished(eventIds: readonly string[]): Promise<void> {
    if (!eventIds.length) return;
    await this.db.transaction((m) => m.update(OutboxEntity, { eventId: In([...eventIds]) }, { publishedAt: Date.now() }));
  }
}

/** Longest event id the inbox holds (its primary key column). */
export const INBOX_EVENT_ID_MAX = 40;
/** Rows per statement: well inside MySQL's placeholder limit and SQLite's variable limit. */
const INBOX_CHUNK = 1_000;

/**
 * Some of the events handed to `firstDeliveries` were recorded already: by an earlier delivery
 * (when it was told not to look first) or by a concurrent transaction (two members of a consumer
 * group overlapping during a rebalance). Which ones is not known: roll back and run again, looking
 * first, and everything committed meanwhile is seen as applied.
 */
export class InboxConflictError extends Error {
  constructor(
    readonly expected: number,
    readonly recorded: number,
  ) {
    super(`inbox: ${expected - recorded} of ${expected} events were recorded already`);
    this.name = 'InboxConflictError';
  }
}

/** What each consumer has already applied, so a redelivered event changes nothing. */
export class InboxRepository {
  /** Records the event for the consumer inside `tx`; false when it was already applied. */
  async firstDelivery(tx: Tx, consumer: string, eventId: string): Promise<boolean> {
    if (await tx.findOneBy(InboxEntity, { consumer, eventId })) return false;
    try {
      await tx.insert(InboxEntity, { consumer, eventId, processedAt: Date.now() });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /**
   * Records a run of events for the consumer inside `tx` and returns the ids seen for the first
   * time, with one multi-row `INSERT IGNORE` (MySQL) / `INSERT OR IGNORE` (SQLite) per thousand
   * ids. Without `lookFirst` every id must be new: if any was recorded already, throws
   * InboxConflictError (the common case, a run never seen before, costs one statement). With
   * `lookFirst`, one `SELECT … IN` first leaves out the ids recorded already, and only a concurrent
   * transaction recording some of the others meanwhile throws. After the error the caller must roll
   * back `tx`. Ids must fit the column (INBOX_EVENT_ID_MAX).
   */
  async firstDeliveries(tx: Tx, consumer: string, eventIds: readonly string[], options: { readonly lookFirst?: boolean } = {}): Promise<Set<string>> {
    // Sorted, so two overlapping transactions take their key locks in the same order.
    const unique = [...new Set(eventIds)].sort();
    const tooLong = unique.find((id) => id.length > INBOX_EVENT_ID_MAX);
    if (tooLong !== undefined) throw new Error(`inbox: event id longer than ${INBOX_EVENT_ID_MAX} characters: ${tooLong.slice(0, 64)}`);
    const recorded = new Set<string>();
    if (options.lookFirst) {
      for (const chunk of chunks(unique, INBOX_CHUNK)) {
        const rows = await tx.query<{ event_id: string }[]>(`SELECT event_id FROM inbox WHERE consumer = ? AND event_id IN (${marks(chunk.length)})`, [consumer, ...chunk]);
        for (const row of rows) recorded.add(row.event_id);
      }
    }
    const fresh = recorded.size === 0 ? unique : unique.filter((id) => !recorded.has(id));
    const insert = isMysql(tx) ? 'INSERT IGNORE INTO' : 'INSERT OR IGNORE INTO';
    const now = Date.now();
    let inserted = 0;
    for (const chunk of chunks(fresh, INBOX_CHUNK)) {
      const params: string[] = [];
      for (const id of chunk) params.push(consumer, id);
      const result = await runnerOf(tx).query(`${insert} inbox (consumer, event_id, processed_at) VALUES ${chunk.map(() => `(?, ?, ${now})`).join(', ')}`, params, true);
      inserted += (result as { affected?: number }).affected ?? 0;
    }
    if (inserted !== fresh.length) throw new InboxConflictError(fresh.length, inserted);
    return new Set(fresh);
  }

  /**
   * One step of a sweep over the consumer's records in key order: of the next `scan` records after
   * `after` ('' for the start), deletes those processed before `before`. Returns the last key the
   * step covered (undefined once it reached the end) and how many records went. The table is keyed
   * by event id, not time, so a sweep walks key ranges: each step reads about `scan` rows through
   * the primary key, however large the table is. On MySQL a step is a READ COMMITTED transaction of
   * its own, locking only the rows it deletes, never the gaps consumers insert into.
   */
  async pruneStep(db: Database, consumer: string, after: string, before: number, scan: number): Promise<{ readonly next: string | undefined; readonly deleted: number }> {
    const step = async (runner: QueryRunner) => {
      const bound = (await runner.query('SELECT event_id FROM inbox WHERE consumer = ? AND event_id > ? ORDER BY event_id LIMIT 1 OFFSET ?', [consumer, after, Math.max(scan - 1, 0)])) as { event_id: string }[];
      const next = bound[0]?.event_id;
      const result =
        next === undefined
          ? await runner.query('DELETE FROM inbox WHERE consumer = ? AND event_id > ? AND processed_at < ?', [consumer, after, before], true)
          : await runner.query('DELETE FROM inbox WHERE consumer = ? AND event_id > ? AND event_id <= ? AND processed_at < ?', [consumer, after, next, before], true);
      return { next, deleted: (result as { affected?: number }).affected ?? 0 };
    };
    if (db.kind === 'sqlite') return db.transaction((tx) => step(runnerOf(tx)));
    const runner = db.dataSource.createQueryRunner();
    try {
      await runner.startTransaction('READ COMMITTED');
      try {
        const done = await step(runner);
        await runner.commitTransaction();
        return done;
      } catch (error) {
        await runner.rollbackTransaction();
        throw error;
      }
    } finally {
      await runner.release();
    }
  }
}

function isMysql(tx: Tx): boolean {
  return tx.connection.driver.options.type === 'mysql';
}

/** The transaction's own runner: TypeORM's EntityManager.query does not return affected-row counts. */
function runnerOf(tx: Tx): QueryRunner {
  if (!tx.queryRunner) throw new Error('inbox: expected a transaction');
  return tx.queryRunner;
}

function marks(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let n = 0; n < items.length; n += size) out.push(items.slice(n, n + size));
  return out;
}
