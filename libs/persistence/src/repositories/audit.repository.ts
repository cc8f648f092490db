import { LessThan, type FindOptionsWhere } from 'typeorm';
import type { Database } from '../database';
import { AuditEntryEntity } from '../entities';
import type { Tx } from '../transaction';

export interface AuditChange {
  readonly actor: string;
  readonly action: string;
  readonly target: string;
  /** The record before the change (null when it was created) and after it (null when removed). */
  readonly before: object | null;
  readonly after: object | null;
}

export interface AuditRecord extends AuditChange {
  readonly auditId: number;
  readonly at: string;
}

export interface AuditQuery {
  readonly actor?: string;
  readonly action?: string;
  readonly target?: string;
  /** Keyset paging, newest first: entries older than this id. */
  readonly beforeId?: number;
  readonly limit: number;
}

/**
 * The operators' audit log. Written only inside the transaction of the change it describes, so a
 * change and its record commit together or not at all; nothing here updates or deletes.
 */
export class AuditRepository {
  constructor(private readonly db: Database) {}

  async append(tx: Tx, change: AuditChange): Promise<void> {
    await tx.insert(AuditEntryEntity, { at: Date.now(), ...change });
  }

  async list(query: AuditQuery): Promise<AuditRecord[]> {
    const where: FindOptionsWhere<AuditEntryEntity> = {
      ...(query.actor ? { actor: query.actor } : {}),
      ...(query.action ? { action: query.action } : {}),
      ...(query.target ? { target: query.target } : {}),
      ...(query.beforeId !== undefined ? { auditId: LessThan(query.beforeId) } : {}),
    };
    const rows = await this.db.read((m) => m.find(AuditEntryEntity, { where, order: { auditId: 'DESC' }, take: query.limit }));
    return rows.map((r) => ({ auditId: r.auditId, at: new Date(r.at).toISOString(), actor: r.actor, action: r.action, target: r.target, before: r.before, after: r.after }));
  }
}
