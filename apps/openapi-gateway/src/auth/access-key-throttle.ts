import type { Cache } from '@ecs/cache';
import { EcsError } from '@ecs/domain';

const ONE_SECOND_MS = 1000;

/** Per-AccessKey flow control; counted in the shared cache so every gateway replica enforces one limit. */
export class AccessKeyThrottle {
  constructor(
    private readonly cache: Cache,
    private readonly perSecond: number,
  ) {}

  async assertAllowed(accessKeyId: string): Promise<void> {
    const hits = await this.cache.hitWindow(`gateway:throttle:${accessKeyId}`, ONE_SECOND_MS);
    if (hits > this.perSecond) throw new EcsError('Throttling.User');
  }
}
