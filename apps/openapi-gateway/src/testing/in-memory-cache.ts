import type { Cache } from '@ecs/cache';

interface Entry {
  readonly value: string;
  readonly expiresAt: number;
}

/** A Cache for the gateway's tests: TTLs and fixed windows honoured against an injectable clock. */
export class InMemoryCache implements Cache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  async get(key: string): Promise<string | undefined> {
    return this.live(key)?.value;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.entries.set(key, { value, expiresAt: ttlMs === undefined ? Infinity : this.now() + ttlMs });
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.live(key)) return false;
    await this.set(key, value, ttlMs);
    return true;
  }

  async delete(...keys: string[]): Promise<void> {
    for (const key of keys) this.entries.delete(key);
  }

  async hitWindow(key: string, windowMs: number): Promise<number> {
    const windowKey = `${key}@${Math.floor(this.now() / windowMs)}`;
    const count = Number(this.live(windowKey)?.value ?? '0') + 1;
    await this.set(windowKey, String(count), windowMs);
    return count;
  }

  async close(): Promise<void> {
    this.entries.clear();
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}
