import type { Cache } from '@ecs/cache';
import { EcsError } from '@ecs/domain';

/** Bounds the cache key a client can make us store. */
const MAX_NONCE_LENGTH = 256;

/**
 * Remembers each (AccessKey, nonce) for twice the timestamp window: a request is accepted from
 * `window` before to `window` after its timestamp, so a replay can arrive up to 2×window after the
 * original and must still find the record.
 */
export class NonceGuard {
  private readonly ttlMs: number;

  constructor(
    private readonly cache: Cache,
    timestampWindowMs: number,
  ) {
    this.ttlMs = 2 * timestampWindowMs;
  }

  async assertUnused(accessKeyId: string, nonce: string): Promise<void> {
    if (nonce.length > MAX_NONCE_LENGTH) throw EcsError.invalid('SignatureNonce', `it must be at most ${MAX_NONCE_LENGTH} characters.`);
    const first = await this.cache.setIfAbsent(`gateway:nonce:${accessKeyId}:${nonce}`, '1', this.ttlMs);
    if (!first) throw new EcsError('SignatureNonceUsed');
  }
}
