import { z } from 'zod';
import type { BastionAuditRow } from '@ecs/persistence';
import type { BastionDeps } from '../../bastion-deps';
import { validate } from '../validate';

const schema = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export interface AuditRowView {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly target: string;
  readonly outcome: string;
  readonly sessionId: string | null;
  readonly detail: unknown;
  readonly hash: string;
}

/** A page of the audit log, oldest first; `nextAfter` continues it. */
export class ListAudit {
  constructor(private readonly deps: BastionDeps) {}

  async execute(raw: unknown): Promise<{ entries: AuditRowView[]; nextAfter: number | null }> {
    const { after, limit } = validate(schema, raw);
    const rows = await this.deps.audit.page(after, limit);
    return { entries: rows.map(view), nextAfter: rows.length === limit ? rows[rows.length - 1].seq : null };
  }
}

function view(row: BastionAuditRow): AuditRowView {
  return { seq: row.seq, at: new Date(row.at).toISOString(), actor: row.actor, action: row.action, target: row.target, outcome: row.outcome, sessionId: row.sessionId, detail: JSON.parse(row.detail) as unknown, hash: row.hash };
}
