import { IsNull } from 'typeorm';
import type { Database } from '../database';
import { BastionRecordingChunkEntity, BastionSessionEntity } from '../entities/bastion.entity';

export interface BastionSessionRecord {
  readonly sessionId: string;
  readonly username: string;
  readonly hostId: string;
  readonly role: 'read-only' | 'operator';
  readonly clientAddress: string;
  readonly startedAt: number;
  readonly endedAt: number | null;
  readonly endReason: string | null;
}

function toRecord(row: BastionSessionEntity): BastionSessionRecord {
  return { ...row };
}

/** Terminal sessions and their recordings. */
export class BastionSessionRepository {
  constructor(private readonly db: Database) {}

  async start(session: Omit<BastionSessionRecord, 'endedAt' | 'endReason'>): Promise<void> {
    await this.db.transaction((m) => m.insert(BastionSessionEntity, { ...session, endedAt: null, endReason: null }));
  }

  /** Ends a session once; false when it had already ended. */
  async end(sessionId: string, endedAt: number, endReason: string): Promise<boolean> {
    const result = await this.db.transaction((m) => m.update(BastionSessionEntity, { sessionId, endedAt: IsNull() }, { endedAt, endReason }));
    return result.affected === 1;
  }

  /** Most recent first. */
  async recent(limit: number): Promise<BastionSessionRecord[]> {
    const rows = await this.db.read((m) => m.find(BastionSessionEntity, { order: { startedAt: 'DESC', sessionId: 'ASC' }, take: limit }));
    return rows.map(toRecord);
  }

  async appendRecording(sessionId: string, chunkNo: number, body: string): Promise<void> {
    await this.db.transaction((m) => m.insert(BastionRecordingChunkEntity, { sessionId, chunkNo, body }));
  }

  /** The recording's chunks in order; empty when nothing was recorded. */
  async recording(sessionId: string): Promise<string[]> {
    const rows = await this.db.read((m) => m.find(BastionRecordingChunkEntity, { where: { sessionId }, order: { chunkNo: 'ASC' } }));
    return rows.map((r) => r.body);
  }
}
