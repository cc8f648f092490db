import type { Cache } from '@ecs/cache';
import { AdminError } from '../admin-error';

const WINDOW_MS = 5 * 60_000;
const ADDRESS_FACTOR = 5;

/**
 * Limits login attempts per username (N) and per client address (5·N, since several operators may
 * share an office address) in fixed 5-minute windows, in the shared cache so every business
 * replica counts together. Guessing one operator's password from many addresses, or many
 * operators' from one, both hit a limit.
 */
export class LoginThrottle {
  constructor(
    private readonly cache: Cache,
    private readonly attemptsPerWindow: number,
  ) {}

  async admit(username: string, clientAddress: string): Promise<void> {
    const [byUser, byAddress] = await Promise.all([
      this.cache.hitWindow(`console-login:user:${username}`, WINDOW_MS),
      this.cache.hitWindow(`console-login:addr:${clientAddress}`, WINDOW_MS),
    ]);
    if (byUser > this.attemptsPerWindow || byAddress > this.attemptsPerWindow * ADDRESS_FACTOR) throw new AdminError('Throttling.Login');
  }
}
