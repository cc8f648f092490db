import type { Cache } from './cache.port';
import { MemoryCache } from './memory/memory-cache';
import { RedisCache } from './redis/redis-cache';

export type CacheConfig =
  | { readonly kind: 'memory'; readonly keyPrefix?: string }
  | { readonly kind: 'redis'; readonly url: string; readonly keyPrefix: string };

export function createCache(config: CacheConfig): Cache {
  switch (config.kind) {
    case 'memory':
      return new MemoryCache({ keyPrefix: config.keyPrefix });
    case 'redis':
      return new RedisCache({ url: config.url, keyPrefix: config.keyPrefix });
  }
}
