import type { Cache } from '../cache.port';
import { BestEffortCache, type BestEffortCacheOptions } from '../best-effort/best-effort-cache';
import type { ClientTokenAnswer, ClientTokenCache } from './client-token-cache';

export interface CachedClientTokensOptions extends BestEffortCacheOptions {
  /**
   * How long a completed call's answer stays in the cache. Clients retry within minutes; a later
   * replay is answered by the database, which keeps the record.
   */
  readonly ttlMs?: number;
}

const DEFAULT_TTL_MS = 15 * 60_000;

/** ClientToken answers in the shared cache (Redis in the cluster), keyed by account and token. */
export class CachedClientTokens implements ClientTokenCache {
  private readonly cache: BestEffortCache;
  private readonly ttlMs: number;

  constructor(cache: Cache, options: CachedClientTokensOptions = {}) {
    this.cache = new BestEffortCache(cache, 'client-token', options);
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  }

  async answer(accountId: string, clientToken: string): Promise<ClientTokenAnswer | undefined> {
    const raw = await this.cache.attempt('answer', (cache) => cache.get(key(accountId, clientToken)));
    return raw === undefined ? undefined : parse(raw);
  }

  async remember(accountId: string, clientToken: string, answer: ClientTokenAnswer): Promise<void> {
    const value = JSON.stringify({ requestHash: answer.requestHash, response: answer.response });
    await this.cache.attempt('remember', (cache) => cache.set(key(accountId, clientToken), value, this.ttlMs));
  }
}

/** Both parts are escaped, so no account id and token pair can spell another pair's key. */
function key(accountId: string, clientToken: string): string {
  return `client-token:${encodeURIComponent(accountId)}:${encodeURIComponent(clientToken)}`;
}

/** A damaged entry, or one written by another version of this code, reads as a miss. */
function parse(raw: string): ClientTokenAnswer | undefined {
  try {
    const value = JSON.parse(raw) as Partial<Record<keyof ClientTokenAnswer, unknown>>;
    if (typeof value.requestHash === 'string' && typeof value.response === 'string') return { requestHash: value.requestHash, response: value.response };
  } catch {
    // Not JSON: a miss, below.
  }
  return undefined;
}
