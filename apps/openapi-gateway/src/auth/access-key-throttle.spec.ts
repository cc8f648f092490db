import { InMemoryCache } from '../testing/in-memory-cache';
import { AccessKeyThrottle } from './access-key-throttle';

describe('AccessKeyThrottle', () => {
  it('allows the configured rate per key per second, then answers Throttling.User until the next second', async () => {
    let now = 5_000;
    const throttle = new AccessKeyThrottle(new InMemoryCache(() => now), 3);
    for (let i = 0; i < 3; i++) await throttle.assertAllowed('AK1');
    await expect(throttle.assertAllowed('AK1')).rejects.toMatchObject({ code: 'Throttling.User' });
    await expect(throttle.assertAllowed('AK2')).resolves.toBeUndefined();
    now += 1_000;
    await expect(throttle.assertAllowed('AK1')).resolves.toBeUndefined();
  });
});
