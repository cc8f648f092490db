import { MoreThan, type EntityManager } from 'typeorm';
import type { Database } from '../database';
import { BastionAuditEntity, BastionAuditHeadEntity } from '../entities/bastion.entity';

export interface BastionAuditRow {
  readonly seq: number;
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  readonly target: string;
  readonly outcome: string;
  readonly sessionId: string | null;
  readonly detail: string;
  readonly prevHash: string;
  readonly hash: string;
}

/** The link a new row chains to: the last row's sequence number and hash. */
export interface AuditChainHead {
  readonly seq: number;
  readonly hash: string;
}

const HEAD_ID = 1;

/**
 * The bastion's audit log. Append-only by construction: this repository offers no update or
 * delete, and each row's hash covers its predecessor's, so an edit made behind its back shows.
 */
export class BastionAuditRepository {
  constructor(private readonly db: Database) {}

  /**
   * Appends the row `build` makes from the current head, in one transaction that holds the head
   * row's lock: appends from several bastion replicas queue behind each other instead of racing
   * for the next sequence number. (SQLite transactions are serialised already.)
   */
  async append(build: (head: AuditChainHead | undefined) => BastionAuditRow): Promise<BastionAuditRow> {
    return this.db.transaction(async (m) => {
      const head = await this.lockedHead(m);
      const row = build(head.seq === 0 ? undefined : { seq: head.seq, hash: head.hash });
      await m.insert(BastionAuditEntity, row);
      await m.update(BastionAuditHeadEntity, { id: HEAD_ID }, { seq: row.seq, hash: row.hash });
      return row;
    });
  }

  /** The head as last appended; undefined while the log is empty. */
  async head(): Promise<AuditChainHead | undefined> {
    const head = await this.db.read((m) => m.findOneBy(BastionAuditHeadEntity, { id: HEAD_ID }));
    return head && head.seq > 0 ? { seq: head.seq, hash: head.hash } : undefined;
  }

  /** Rows after `afterSeq`, oldest first. */
  async page(afterSeq: number, limit: number): Promise<BastionAuditRow[]> {
    const rows = await this.db.read((m) => m.find(BastionAuditEntity, { where: { seq: MoreThan(afterSeq) }, order: { seq: 'ASC' }, take: limit }));
    return rows.map((r) => ({ ...r }));
  }

  private async lockedHead(m: EntityManager): Promise<BastionAuditHeadEntity> {
    const query = m.createQueryBuilder(BastionAuditHeadEntity, 'head').where('head.id = :id', { id: HEAD_ID });
    const head = await (this.db.kind === 'mysql' ? query.setLock('pessimistic_write') : query).getOne();
    if (!head) throw new Error('the audit log head row is missing: was the bastion migration run?');
    return head;
  }
}
