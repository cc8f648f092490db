import { randomUUID } from 'node:crypto';
import { CachedClientTokens, RedisCache } from '@ecs/cache';
import { ClientTokenGuard, IdempotencyRepository, type Reservation } from '@ecs/persistence';
import { mariadbTestDatabase, type TestDatabase } from '@ecs/testing';
import { Redis } from 'ioredis';
import { PrivateRedis } from '../cluster/support/private-redis';

/** The real repository, with a record of every call that reached the database. */
class CountedRecords extends IdempotencyRepository {
  calls: string[] = [];

  override reserve(accountId: string, token: string, action: string, requestHash: string): Promise<Reservation> {
    this.calls.push('reserve');
    return super.reserve(accountId, token, action, requestHash);
  }

  override find(accountId: string, token: string): Promise<Reservation | undefined> {
    this.calls.push('find');
    return super.find(accountId, token);
  }

  override complete(accountId: string, token: string, response: string): Promise<void> {
    this.calls.push('complete');
    return super.complete(accountId, token, response);
  }

  override abandon(accountId: string, token: string): Promise<void> {
    this.calls.push('abandon');
    return super.abandon(accountId, token);
  }

  /** What reached the database since the last look. */
  take(): string[] {
    return this.calls.splice(0);
  }
}

const ACCOUNT = '1200000000000001';

describe('ClientToken answers in Redis in front of the records in MariaDB', () => {
  let redis: PrivateRedis;
  let handle: TestDatabase;
  let cache: RedisCache;
  let inspect: Redis;
  let records: CountedRecords;
  let guard: ClientTokenGuard;
  const prefix = `test:client-token:${randomUUID()}:`;

  beforeAll(async () => {
    // A Redis of this test's own: FLUSHALL must touch nobody else's keys.
    [redis, handle] = await Promise.all([PrivateRedis.start(), mariadbTestDatabase(4)]);
    cache = new RedisCache({ url: redis.url, keyPrefix: prefix });
    inspect = new Redis(redis.url);
    records = new CountedRecords(handle.db);
    guard = new ClientTokenGuard(records, new CachedClientTokens(cache));
  });

  afterAll(async () => {
    inspect?.disconnect();
    await cache?.close().catch(() => undefined);
    await Promise.all([handle?.dispose(), redis?.stop()]);
  });

  /** A launch that counts its runs and answers new instance ids each time it runs. */
  function launch() {
    const state = { runs: 0 };
    const work = async () => ({ instanceIds: [`i-run${++state.runs}a`, `i-run${state.runs}b`] });
    return { state, work };
  }

  it('answers the replay of a completed call from Redis, without a database round trip', async () => {
    const token = randomUUID();
    const { state, work } = launch();
    const first = await guard.run(ACCOUNT, token, 'RunInstances', 'hash-1', work);
    expect(records.take()).toEqual(['reserve', 'complete']);
    expect(await inspect.pttl(`${prefix}client-token:${ACCOUNT}:${token}`)).toBeGreaterThan(0);

    for (let i = 0; i < 3; i++) expect(await guard.run(ACCOUNT, token, 'RunInstances', 'hash-1', work)).toEqual(first);
    expect(records.take()).toEqual([]);
    expect(state.runs).toBe(1);
  });

  it('FLUSHALL between a call and its replay: the database gives the same answer, nothing runs twice, and the cache is refilled', async () => {
    const token = randomUUID();
    const { state, work } = launch();
    const first = await guard.run(ACCOUNT, token, 'RunInstances', 'hash-1', work);
    await redis.flushAll();
    expect(await redis.keyCount()).toBe(0);
    records.take();

    expect(await guard.run(ACCOUNT, token, 'RunInstances', 'hash-1', work)).toEqual(first);
    expect(records.take()).toEqual(expect.arrayContaining(['reserve']));
    expect(state.runs).toBe(1);
    expect(await guard.run(ACCOUNT, token, 'RunInstances', 'hash-1', work)).toEqual(first);
    expect(records.take()).toEqual([]);
  });

  it('other parameters with the token are IdempotentParameterMismatch, from Redis and, once flushed, from the database', async () => {
    const token = randomUUID();
    const { state, work } = launch();
    const first = await guard.run(ACCOUNT, token, 'RunInstances', 'hash-1', work);
    records.take();
    await expect(guard.run(ACCOUNT, token, 'RunInstances', 'hash-2', work)).rejects.toMatchObject({ code: 'IdempotentParameterMismatch' });
    expect(records.take()).toEqual([]);

    await redis.flushAll();
    await expect(guard.run(ACCOUNT, token, 'RunInstances', 'hash-2', work)).rejects.toMatchObject({ code: 'IdempotentParameterMismatch' });
    expect(records.take()).toContain('reserve');
    // The mismatch cached nothing of its own: the first call's parameters still get its answer.
    expect(await guard.run(ACCOUNT, token, 'RunInstances', 'hash-1', work)).toEqual(first);
    expect(state.runs).toBe(1);
  });

  it('caches only committed answers: replays of a running call wait for it, and a failed call leaves the token free', async () => {
    const token = randomUUID();
    let finish: () => void = () => undefined;
    let runs = 0;
    const slow = async () => {
      runs++;
      await new Promise<void>((resolve) => (finish = resolve));
      return { instanceIds: ['i-slow'] };
    };
    const running = guard.run(ACCOUNT, token, 'RunInstances', 'hash-1', slow);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const replays = [guard.run(ACCOUNT, token, 'RunInstances', 'hash-1', slow), guard.run(ACCOUNT, token, 'RunInstances', 'hash-1', slow)];
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await inspect.exists(`${prefix}client-token:${ACCOUNT}:${token}`)).toBe(0);
    finish();
    expect(await Promise.all([running, ...replays])).toEqual([{ instanceIds: ['i-slow'] }, { instanceIds: ['i-slow'] }, { instanceIds: ['i-slow'] }]);
    expect(runs).toBe(1);

    const failing = randomUUID();
    await expect(guard.run(ACCOUNT, failing, 'RunInstances', 'hash-1', async () => Promise.reject(new Error('no stock')))).rejects.toThrow('no stock');
    expect(await inspect.exists(`${prefix}client-token:${ACCOUNT}:${failing}`)).toBe(0);
    expect(await guard.run(ACCOUNT, failing, 'RunInstances', 'hash-1', async () => ({ instanceIds: ['i-retry'] }))).toEqual({ instanceIds: ['i-retry'] });
  });

  it('with Redis gone, the database answers alike', async () => {
    const token = randomUUID();
    const { state, work } = launch();
    const first = await guard.run(ACCOUNT, token, 'RunInstances', 'hash-1', work);
    await redis.stop();
    records.take();

    expect(await guard.run(ACCOUNT, token, 'RunInstances', 'hash-1', work)).toEqual(first);
    expect(records.take()).toContain('reserve');
    await expect(guard.run(ACCOUNT, token, 'RunInstances', 'hash-2', work)).rejects.toMatchObject({ code: 'IdempotentParameterMismatch' });
    const fresh = randomUUID();
    const answer = await guard.run(ACCOUNT, fresh, 'RunInstances', 'hash-1', work);
    expect(await guard.run(ACCOUNT, fresh, 'RunInstances', 'hash-1', work)).toEqual(answer);
    expect(state.runs).toBe(2);
  });
});
