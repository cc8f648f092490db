import type { InstanceQuery, InstanceTag } from '@ecs/contracts';
import { transitionFor, type InstanceEvent, type InstanceStatus } from '@ecs/domain';
import { Brackets, In } from 'typeorm';
import type { Database } from '../database';
import { InstanceEntity, InstanceTagEntity } from '../entities';
import type { Tx } from '../transaction';
import { RowCodec } from './row-codec';

export type InstancePatch = Partial<
  Pick<
    InstanceEntity,
    | 'hostId' | 'latestOperation' | 'latestOperationState' | 'latestOperationError' | 'latestOperationMessage'
    | 'lastEventSeq' | 'startedAt' | 'deletedAt' | 'stoppedMode' | 'powerGeneration'
  >
>;

export interface InstanceRows {
  readonly rows: InstanceEntity[];
  readonly total: number;
  readonly nextCursor: string | undefined;
}

/** What judging a host report needs of an instance. */
export interface InstanceEventState {
  readonly instanceId: string;
  readonly hostId: string | null;
  readonly status: InstanceStatus;
  readonly powerGeneration: number;
  readonly version: number;
  readonly lastEventSeq: number;
}

/** One instance's host-report sequence to move forward to, if still on `hostId`. */
export interface EventSeqAdvance {
  readonly instanceId: string;
  readonly hostId: string;
  readonly seq: number;
}

/** Ids per `IN (…)` list. */
const IN_CHUNK = 1_000;
/** Instances per sequence-advancing UPDATE. */
const SEQ_CHUNK = 500;

interface Cursor {
  readonly c: number;
  readonly i: string;
}

/** Instances: the only code that reads or writes the instances and instance_tags tables. */
export class InstanceRepository {
  /** The launch, report and power paths' statements, written by hand (see RowCodec). */
  private readonly rows: RowCodec<InstanceEntity>;

  constructor(private readonly db: Database) {
    this.rows = new RowCodec(db.dataSource, InstanceEntity);
  }

  async insert(tx: Tx, instance: InstanceEntity, tags: readonly InstanceTag[]): Promise<void> {
    await this.rows.insert(tx, instance);
    if (tags.length) await tx.insert(InstanceTagEntity, tags.map((t) => ({ instanceId: instance.instanceId, key: t.key, value: t.value })));
  }

  async get(instanceId: string, tx?: Tx): Promise<InstanceEntity | undefined> {
    const run = (m: Tx) => this.rows.selectOne(m, 'instance_id = ?', [instanceId]);
    return tx ? run(tx) : this.db.read(run);
  }

  /** The caller's live instances among `instanceIds`: others' and deleted ones are simply absent. */
  async findOwned(accountId: string, regionId: string, instanceIds: readonly string[]): Promise<InstanceEntity[]> {
    if (!instanceIds.length) return [];
    const ids = [...new Set(instanceIds)];
    return this.db.read((m) => this.rows.select(m, `account_id = ? AND region_id = ? AND status <> 'Deleted' AND instance_id IN (${ids.map(() => '?').join(', ')})`, [accountId, regionId, ...ids]));
  }

  /**
   * Compare-and-swap: applies `event` only if the row still has `expectedVersion` and a status the
   * transition may leave. Returns false when another writer got there first.
   */
  async transition(tx: Tx, instanceId: string, expectedVersion: number, event: InstanceEvent, patch: InstancePatch = {}): Promise<boolean> {
    const t = transitionFor(event);
    const changed = await this.rows.update(tx, { ...patch, status: t.to, power: t.power }, ['version = version + 1'], `instance_id = ? AND version = ? AND status IN (${t.from.map(() => '?').join(', ')})`, [
      instanceId,
      expectedVersion,
      ...t.from,
    ]);
    return changed === 1;
  }

  /** A version-checked change that is not a status transition (attributes, event bookkeeping). */
  async update(tx: Tx, instanceId: string, expectedVersion: number, patch: InstancePatch | Partial<Pick<InstanceEntity, 'instanceName' | 'hostName' | 'description' | 'userData'>>): Promise<boolean> {
    const changed = await this.rows.update(tx, patch, ['version = version + 1'], 'instance_id = ? AND version = ?', [instanceId, expectedVersion]);
    return changed === 1;
  }

  /**
   * The row as last committed, whatever snapshot `tx` reads from: on MySQL a locking read, so it
   * stays so until `tx` ends (SQLite runs one transaction at a time, so a plain read is current).
   * For a writer whose compare-and-swap just lost to a concurrent one and must look again.
   */
  async getLatest(tx: Tx, instanceId: string): Promise<InstanceEntity | undefined> {
    if (tx.connection.driver.options.type !== 'mysql') return (await tx.findOneBy(InstanceEntity, { instanceId })) ?? undefined;
    return (await tx.findOne(InstanceEntity, { where: { instanceId }, lock: { mode: 'pessimistic_write' } })) ?? undefined;
  }

  /**
   * What judging a host report needs of each instance among `instanceIds` that exists, read inside
   * `tx` (on MySQL, from the transaction's snapshot) with one `SELECT … IN` of six columns per
   * thousand ids: far cheaper than whole rows for a run of reports most of which only move `seq`.
   */
  async eventStates(tx: Tx, instanceIds: readonly string[]): Promise<InstanceEventState[]> {
    const unique = [...new Set(instanceIds)];
    const out: InstanceEventState[] = [];
    for (let n = 0; n < unique.length; n += IN_CHUNK) {
      const chunk = unique.slice(n, n + IN_CHUNK);
      const rows = await tx.query<{ instance_id: string; host_id: string | null; status: InstanceStatus; power_generation: number | string; version: number | string; last_event_seq: number | string }[]>(
        `SELECT instance_id, host_id, status, power_generation, version, last_event_seq FROM instances WHERE instance_id IN (${chunk.map(() => '?').join(', ')})`,
        chunk,
      );
      for (const r of rows) {
        out.push({ instanceId: r.instance_id, hostId: r.host_id, status: r.status, powerGeneration: Number(r.power_generation), version: Number(r.version), lastEventSeq: Number(r.last_event_seq) });
      }
    }
    return out;
  }

  /**
   * Host-report bookkeeping for many instances in one statement per 500: each instance's
   * `last_event_seq` becomes `seq` where the row is still on `hostId` and behind `seq` (`GREATEST`:
   * never backwards). Nothing else is written, the version included, so it never clobbers, nor
   * fails, a concurrent compare-and-swap: a status change committed meanwhile stays, and this only
   * moves the sequence forward under it. MySQL joins the rows with a derived table of the advances;
   * SQLite uses `UPDATE … FROM (VALUES …)`.
   */
  async advanceEventSeqs(tx: Tx, advances: readonly EventSeqAdvance[]): Promise<void> {
    const mysql = tx.connection.driver.options.type === 'mysql';
    for (let n = 0; n < advances.length; n += SEQ_CHUNK) {
      const chunk = advances.slice(n, n + SEQ_CHUNK);
      const params: (string | number)[] = [];
      for (const a of chunk) {
        if (!Number.isSafeInteger(a.seq)) throw new Error(`event seq of ${a.instanceId} is not a safe integer: ${a.seq}`);
        params.push(a.instanceId, a.hostId, a.seq);
      }
      if (mysql) {
        // The IN list on the key keeps the rows read to the ones named, whatever plan the join gets.
        for (const a of chunk) params.push(a.instanceId);
        const advanced = chunk.map((_, k) => (k === 0 ? 'SELECT ? AS instance_id, ? AS host_id, ? AS seq' : 'SELECT ?, ?, ?')).join(' UNION ALL ');
        await tx.query(
          `UPDATE instances i JOIN (${advanced}) a ON i.instance_id = a.instance_id SET i.last_event_seq = a.seq ` +
            `WHERE i.instance_id IN (${chunk.map(() => '?').join(', ')}) AND i.host_id = a.host_id AND i.last_event_seq < a.seq`,
          params,
        );
      } else {
        await tx.query(
          `UPDATE instances SET last_event_seq = a.column3 FROM (VALUES ${chunk.map(() => '(?, ?, ?)').join(', ')}) AS a ` +
            'WHERE instances.instance_id = a.column1 AND instances.host_id = a.column2 AND instances.last_event_seq < a.column3',
          params,
        );
      }
    }
  }

  /** A resize: new type and size, possibly a new host, as one version-checked change. */
  async resize(tx: Tx, instanceId: string, expectedVersion: number, patch: Pick<InstanceEntity, 'instanceType' | 'instanceTypeFamily' | 'vcpus' | 'memoryMiB' | 'hostId'>): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(InstanceEntity)
      .set({ ...patch, version: () => 'version + 1' })
      .where("instance_id = :instanceId AND version = :expectedVersion AND status = 'Stopped'", { instanceId, expectedVersion })
      .execute();
    return result.affected === 1;
  }

  /** Everything a host should run or keep defined, for the agent's level-triggered resync. */
  async onHost(hostId: string): Promise<InstanceEntity[]> {
    return this.db.read((m) => this.rows.select(m, "host_id = ? AND status <> 'Deleted'", [hostId]));
  }

  async countByStatus(statuses: readonly InstanceStatus[]): Promise<number> {
    return this.db.read((m) => m.countBy(InstanceEntity, { status: In([...statuses]) }));
  }

  async tagsOf(instanceIds: readonly string[]): Promise<Map<string, InstanceTag[]>> {
    const out = new Map<string, InstanceTag[]>();
    if (!instanceIds.length) return out;
    const rows = await this.db.read((m) => m.findBy(InstanceTagEntity, { instanceId: In([...instanceIds]) }));
    for (const row of rows) {
      const list = out.get(row.instanceId) ?? [];
      list.push({ key: row.key, value: row.value });
      out.set(row.instanceId, list);
    }
    return out;
  }

  async query(q: InstanceQuery & { pageSize: number; pageNumber: number }): Promise<InstanceRows> {
    return this.db.read(async (m) => {
      const qb = m
        .createQueryBuilder(InstanceEntity, 'i')
        .where('i.account_id = :accountId AND i.region_id = :regionId', { accountId: q.accountId, regionId: q.regionId })
        .andWhere("i.status <> 'Deleted'");
      if (q.instanceIds) qb.andWhere(q.instanceIds.length ? 'i.instance_id IN (:...ids)' : '1 = 0', { ids: [...q.instanceIds] });
      if (q.zoneId) qb.andWhere('i.zone_id = :zoneId', { zoneId: q.zoneId });
      if (q.status) qb.andWhere('i.status = :status', { status: q.status });
      if (q.instanceType) qb.andWhere('i.instance_type = :instanceType', { instanceType: q.instanceType });
      if (q.instanceName) {
        // ECS accepts a trailing or leading * as a wildcard in InstanceName.
        if (q.instanceName.includes('*')) qb.andWhere('i.instance_name LIKE :name', { name: q.instanceName.replace(/[%_]/g, '\\$&').replace(/\*/g, '%') });
        else qb.andWhere('i.instance_name = :name', { name: q.instanceName });
      }
      (q.tags ?? []).forEach((tag, n) => {
        qb.andWhere(
          `EXISTS (SELECT 1 FROM instance_tags t${n} WHERE t${n}.instance_id = i.instance_id AND t${n}.tag_key = :tk${n}` +
            (tag.value !== '' ? ` AND t${n}.tag_value = :tv${n})` : ')'),
          { [`tk${n}`]: tag.key, [`tv${n}`]: tag.value },
        );
      });
      const total = await qb.clone().getCount();
      qb.orderBy('i.created_at', 'ASC').addOrderBy('i.instance_id', 'ASC');
      if (q.nextToken !== undefined || q.maxResults !== undefined) {
        const cursor = q.nextToken ? decodeCursor(q.nextToken) : undefined;
        if (cursor) {
          qb.andWhere(
            new Brackets((w) => w.where('i.created_at > :cc', { cc: cursor.c }).orWhere('i.created_at = :cc AND i.instance_id > :ci', { cc: cursor.c, ci: cursor.i })),
          );
        }
        const rows = await qb.take(q.pageSize + 1).getMany();
        const more = rows.length > q.pageSize;
        const page = rows.slice(0, q.pageSize);
        const last = page[page.length - 1];
        return { rows: page, total, nextCursor: more && last ? encodeCursor({ c: last.createdAt, i: last.instanceId }) : undefined };
      }
      const rows = await qb.skip((q.pageNumber - 1) * q.pageSize).take(q.pageSize).getMany();
      return { rows, total, nextCursor: undefined };
    });
  }
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** Returns undefined for a token we did not issue; the caller turns that into InvalidParameter. */
export function decodeCursor(token: string): Cursor | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<Cursor>;
    return typeof parsed.c === 'number' && typeof parsed.i === 'string' ? { c: parsed.c, i: parsed.i } : undefined;
  } catch {
    return undefined;
  }
}
