import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A logged-in bastion session kept between CLI runs (mode 0600), like `tsh` keeps its certificate. */
export interface StoredSession {
  readonly url: string;
  readonly username: string;
  readonly sessionToken: string;
  readonly expiresAt: string;
}

export class SessionStore {
  constructor(private readonly path: string) {}

  /** The stored session for this bastion, if it has not expired. */
  load(url: string): StoredSession | undefined {
    try {
      const stored = JSON.parse(readFileSync(this.path, 'utf8')) as Partial<StoredSession>;
      if (stored.url !== url || typeof stored.sessionToken !== 'string' || typeof stored.username !== 'string' || typeof stored.expiresAt !== 'string') return undefined;
      return Date.parse(stored.expiresAt) > Date.now() ? (stored as StoredSession) : undefined;
    } catch {
      return undefined;
    }
  }

  save(session: StoredSession): void {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    writeFileSync(this.path, JSON.stringify(session), { mode: 0o600 });
    chmodSync(this.path, 0o600);
  }

  clear(): void {
    rmSync(this.path, { force: true });
  }
}
