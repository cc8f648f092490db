import { parseZooKeeperConfig } from './zookeeper-config';

describe('parseZooKeeperConfig', () => {
  const good = { connectionString: '127.0.0.1:2181,zk-2.internal:2181', root: '/ecs', sessionTimeoutMs: 6000 };

  it('accepts an ensemble string and defaults the connect timeout', () => {
    expect(parseZooKeeperConfig(good)).toEqual({ ...good, connectTimeoutMs: 6000 });
    expect(parseZooKeeperConfig({ ...good, sessionTimeoutMs: 1000 }).connectTimeoutMs).toBe(5000);
    expect(parseZooKeeperConfig({ ...good, connectTimeoutMs: 250 }).connectTimeoutMs).toBe(250);
  });

  it.each([
    [{ connectionString: '' }, /connectionString/],
    [{ connectionString: '127.0.0.1' }, /connectionString/],
    [{ connectionString: '127.0.0.1:2181/chroot' }, /connectionString/],
    [{ root: 'ecs' }, /root/],
    [{ sessionTimeoutMs: 50 }, /sessionTimeoutMs/],
    [{ sessionTimeoutMs: 1.5e3 + 0.5 }, /sessionTimeoutMs/],
    [{ connectTimeoutMs: 0 }, /connectTimeoutMs/],
  ])('refuses %j', (override, message) => {
    expect(() => parseZooKeeperConfig({ ...good, ...override })).toThrow(message);
  });
});
