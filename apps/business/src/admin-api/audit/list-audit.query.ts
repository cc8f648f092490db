import type { AuditRecord, AuditRepository } from '@ecs/persistence';
import { z } from 'zod';
import { parseCommand } from '../validation';

const AuditQuery = z.object({
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  target: z.string().max(160).optional(),
  beforeId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** The audit log, newest first, filtered by actor, action or target; page with `beforeId`. */
export class ListAuditQuery {
  constructor(private readonly audit: AuditRepository) {}

  async execute(input: unknown): Promise<{ entries: AuditRecord[]; nextBeforeId: number | undefined }> {
    const query = parseCommand(AuditQuery, input);
    const entries = await this.audit.list({ ...query, actor: query.actor || undefined, action: query.action || undefined, target: query.target || undefined });
    const last = entries[entries.length - 1];
    return { entries, nextBeforeId: entries.length === query.limit && last ? last.auditId : undefined };
  }
}
