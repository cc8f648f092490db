import type { OperatorRole } from '@ecs/contracts';
import { LessThan } from 'typeorm';
import type { Database } from '../database';
import { isDuplicateKey } from '../database';
import { OperatorEntity, OperatorSessionEntity } from '../entities';
import type { Tx } from '../transaction';

/** An operator as the console shows it: never the password hash. */
export interface OperatorRecord {
  readonly username: string;
  readonly role: OperatorRole;
  readonly enabled: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What login needs; stays inside the business layer's login use case. */
export interface OperatorCredentials {
  readonly username: string;
  readonly role: OperatorRole;
  readonly enabled: boolean;
  readonly passwordHash: string;
}

export interface OperatorPatch {
  readonly role?: OperatorRole;
  readonly enabled?: boolean;
  readonly passwordHash?: string;
}

export interface NewSession {
  readonly tokenHash: string;
  readonly username: string;
  readonly csrfToken: string;
  readonly expiresAt: number;
}

/** A live session joined with its (enabled) operator's current role. */
export interface ActiveSession {
  readonly username: string;
  readonly role: OperatorRole;
  readonly csrfToken: string;
  readonly expiresAt: number;
}

/** Console operators and their sessions. */
export class OperatorRepository {
  constructor(private readonly db: Database) {}

  async count(): Promise<number> {
    return this.db.read((m) => m.count(OperatorEntity));
  }

  async credentials(username: string): Promise<OperatorCredentials | undefined> {
    const row = await this.db.read((m) => m.findOneBy(OperatorEntity, { username }));
    return row ? { username: row.username, role: row.role, enabled: row.enabled, passwordHash: row.passwordHash } : undefined;
  }

  async get(tx: Tx, username: string): Promise<OperatorRecord | undefined> {
    const row = await tx.findOneBy(OperatorEntity, { username });
    return row ? toRecord(row) : undefined;
  }

  async list(): Promise<OperatorRecord[]> {
    return (await this.db.read((m) => m.find(OperatorEntity, { order: { username: 'ASC' } }))).map(toRecord);
  }

  /** False when the username is taken. */
  async insert(tx: Tx, operator: { username: string; passwordHash: string; role: OperatorRole }): Promise<boolean> {
    const now = Date.now();
    try {
      await tx.insert(OperatorEntity, { ...operator, enabled: true, createdAt: now, updatedAt: now });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async update(tx: Tx, username: string, patch: OperatorPatch): Promise<boolean> {
    const result = await tx.update(OperatorEntity, { username }, { ...patch, updatedAt: Date.now() });
    return result.affected === 1;
  }

  /** Stores a new session and sweeps expired ones, so the table never grows without bound. */
  async createSession(session: NewSession): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.delete(OperatorSessionEntity, { expiresAt: LessThan(Date.now()) });
      await m.insert(OperatorSessionEntity, { ...session, createdAt: Date.now() });
    });
  }

  /** Undefined when the session is unknown, expired, or its operator is gone or disabled. */
  async activeSession(tokenHash: string, now: number): Promise<ActiveSession | undefined> {
    return this.db.read(async (m) => {
      const session = await m.findOneBy(OperatorSessionEntity, { tokenHash });
      if (!session || session.expiresAt <= now) return undefined;
      const operator = await m.findOneBy(OperatorEntity, { username: session.username });
      if (!operator?.enabled) return undefined;
      return { username: operator.username, role: operator.role, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
    });
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.transaction((m) => m.delete(OperatorSessionEntity, { tokenHash }));
  }

  /** Ends every session of an operator: after a password change, a role change or disabling. */
  async deleteSessionsOf(tx: Tx, username: string): Promise<void> {
    await tx.delete(OperatorSessionEntity, { username });
  }
}

function toRecord(row: OperatorEntity): OperatorRecord {
  return { username: row.username, role: row.role, enabled: row.enabled, createdAt: new Date(row.createdAt).toISOString(), updatedAt: new Date(row.updatedAt).toISOString() };
}
