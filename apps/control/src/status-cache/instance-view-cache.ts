import type { Cache } from '@ecs/cache';
import type { InstanceView } from '@ecs/contracts';
import { createLogger } from '@ecs/observability';

const log = createLogger('control.status-cache');

/** How long an invalidated instance refuses refills: outlasts any read that began before the change. */
const TOMBSTONE_MS = 2_000;
/** The cache is an optimisation: a slow Redis must not slow a read down by more than this. */
const CACHE_TIMEOUT_MS = 150;
const TOMBSTONE = '-';

export type CachedView = { readonly kind: 'hit'; readonly view: InstanceView } | { readonly kind: 'miss'; readonly fillable: boolean };

/**
 * Hot instance views (status, operation, attributes) in Redis, keyed by instance id: the
 * platform's hot instance status cache. Invalidation writes a short tombstone rather
 * than deleting, and fills only create absent keys, so a read that fetched the row before a change
 * cannot put the old view back after the change invalidated it. Every failure of Redis is a miss:
 * correctness never depends on it.
 */
export class InstanceViewCache {
  constructor(
    private readonly cache: Cache,
    private readonly ttlMs: number,
  ) {}

  async get(instanceId: string): Promise<CachedView> {
    const value = await this.guard('get', () => this.cache.get(key(instanceId)));
    if (value === undefined || value === null) return { kind: 'miss', fillable: value === undefined };
    if (value === TOMBSTONE) return { kind: 'miss', fillable: false };
    return { kind: 'hit', view: JSON.parse(value) as InstanceView };
  }

  async fill(view: InstanceView): Promise<void> {
    await this.guard('fill', () => this.cache.setIfAbsent(key(view.instanceId), JSON.stringify(view), this.ttlMs));
  }

  async invalidate(instanceIds: readonly string[]): Promise<void> {
    await Promise.all(instanceIds.map((id) => this.guard('invalidate', () => this.cache.set(key(id), TOMBSTONE, TOMBSTONE_MS))));
  }

  /** @returns the call's result, or null when Redis failed or was too slow. */
  private async guard<T>(what: string, call: () => Promise<T>): Promise<T | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), CACHE_TIMEOUT_MS);
    });
    try {
      return await Promise.race([call(), timeout]);
    } catch (error) {
      log.debug('status cache unavailable; using the database', { what, error });
      return null;
    } finally {
      clearTimeout(timer);
    }
  }
}

function key(instanceId: string): string {
  return `instance-view:${instanceId}`;
}
