import { InMemoryCache } from '../testing/in-memory-cache';
import { NonceGuard } from './nonce-guard';

const WINDOW_MS = 60_000;

describe('NonceGuard', () => {
  let now: number;
  let guard: NonceGuard;

  beforeEach(() => {
    now = 1_000_000;
    guard = new NonceGuard(new InMemoryCache(() => now), WINDOW_MS);
  });

  it('accepts a nonce once per AccessKey', async () => {
    await guard.assertUnused('AK1', 'n-1');
    await expect(guard.assertUnused('AK1', 'n-1')).rejects.toMatchObject({ code: 'SignatureNonceUsed' });
    await expect(guard.assertUnused('AK2', 'n-1')).resolves.toBeUndefined();
  });

  it('remembers a nonce for twice the timestamp window, the longest a replay can stay acceptable', async () => {
    await guard.assertUnused('AK1', 'n-1');
    now += 2 * WINDOW_MS - 1;
    await expect(guard.assertUnused('AK1', 'n-1')).rejects.toMatchObject({ code: 'SignatureNonceUsed' });
    now += 1;
    await expect(guard.assertUnused('AK1', 'n-1')).resolves.toBeUndefined();
  });

  it('refuses to store an oversized nonce', async () => {
    await expect(guard.assertUnused('AK1', 'n'.repeat(257))).rejects.toMatchObject({ code: 'InvalidParameter' });
  });
});
