import { isInstanceStatus, type InstanceStatus } from '@ecs/domain';
import type { Cache } from '../cache.port';

/** What readers of hot status need without a database query. */
export interface InstanceHotStatus {
  readonly status: InstanceStatus;
  /** The last host report applied to the instance (its per-instance sequence). */
  readonly seq: number;
  /** Epoch ms of the write. */
  readonly updatedAt: number;
}

export interface InstanceStatusCacheOptions {
  /** Namespace inside the cache's own key prefix. */
  readonly prefix?: string;
  /** How long an entry lives: a missed invalidation heals by itself, and the database stays the truth. */
  readonly ttlMs: number;
}

/**
 * Hot instance status in the Tair-like cache, keyed by instance id. Written after the change is
 * committed; a missing or unreadable entry only costs a database read.
 */
export class InstanceStatusCache {
  private readonly prefix: string;

  constructor(
    private readonly cache: Cache,
    private readonly options: InstanceStatusCacheOptions,
  ) {
    this.prefix = options.prefix ?? 'instance-status:';
  }

  async set(instanceId: string, status: InstanceHotStatus): Promise<void> {
    await this.cache.set(this.key(instanceId), JSON.stringify(status), this.options.ttlMs);
  }

  /** Many instances' statuses in one round trip (one pipeline on Redis). */
  async setMany(statuses: ReadonlyMap<string, InstanceHotStatus>): Promise<void> {
    if (statuses.size === 0) return;
    const entries = [...statuses].map(([instanceId, status]) => ({ key: this.key(instanceId), value: JSON.stringify(status), ttlMs: this.options.ttlMs }));
    if (this.cache.setMany) await this.cache.setMany(entries);
    else await Promise.all(entries.map((e) => this.cache.set(e.key, e.value, e.ttlMs)));
  }

  async get(instanceId: string): Promise<InstanceHotStatus | undefined> {
    const raw = await this.cache.get(this.key(instanceId));
    return raw === undefined ? undefined : parse(raw);
  }

  async invalidate(instanceId: string): Promise<void> {
    await this.cache.delete(this.key(instanceId));
  }

  private key(instanceId: string): string {
    return `${this.prefix}${instanceId}`;
  }
}

/** An entry written by another version of this code, or damaged, reads as a miss. */
function parse(raw: string): InstanceHotStatus | undefined {
  try {
    const value = JSON.parse(raw) as Partial<Record<keyof InstanceHotStatus, unknown>>;
    if (typeof value.status === 'string' && isInstanceStatus(value.status) && typeof value.seq === 'number' && typeof value.updatedAt === 'number') {
      return { status: value.status, seq: value.seq, updatedAt: value.updatedAt };
    }
  } catch {
    // Not JSON: treated as a miss below.
  }
  return undefined;
}
