import { randomUUID } from 'node:crypto';
import Ecs, * as $Ecs from '@alicloud/ecs20140526';
import * as OpenApi from '@alicloud/openapi-client';
import RPCClient from '@alicloud/pop-core';
import { RedisCache } from '@ecs/cache';
import { configureLogging } from '@ecs/observability';
import { Redis } from 'ioredis';
import { startGateway, TENANT, type GatewayUnderTest } from '../../apps/openapi-gateway/src/testing/gateway-under-test';
import { captureSignedRequest, sendRaw } from '../../apps/openapi-gateway/src/testing/raw-http';

const REDIS_URL = 'redis://127.0.0.1:6379';
const WINDOW_MS = 15 * 60 * 1000;

/** Two gateway replicas behind one load balancer share replay and rate state through Redis. */
describe('gateway replicas sharing a real Redis', () => {
  const prefix = `test:gateway:${randomUUID()}:`;
  const admin = new Redis(REDIS_URL);
  const caches: RedisCache[] = [];
  const replicas: GatewayUnderTest[] = [];
  let a: GatewayUnderTest;
  let b: GatewayUnderTest;

  async function replica(throttlePerSecond: number): Promise<GatewayUnderTest> {
    const cache = new RedisCache({ url: REDIS_URL, keyPrefix: prefix });
    caches.push(cache);
    const gateway = await startGateway({ cache, config: { throttlePerSecond, timestampWindowMs: WINDOW_MS }, answer: async () => ({ Regions: { Region: [] } }) });
    replicas.push(gateway);
    return gateway;
  }

  beforeAll(async () => {
    configureLogging({ level: 'silent' });
    a = await replica(1000);
    b = await replica(1000);
  });

  afterAll(async () => {
    await Promise.all(replicas.map((gateway) => gateway.close()));
    await Promise.all(caches.map((cache) => cache.close()));
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      keys.push(...found);
      cursor = next;
    } while (cursor !== '0');
    if (keys.length > 0) await admin.del(...keys);
    await admin.quit();
  });

  it('rejects on one replica a pop-core request already served by the other, and keeps the nonce for twice the window', async () => {
    const captured = await captureSignedRequest((host) =>
      new RPCClient({ ...TENANT, endpoint: `http://${host}`, apiVersion: '2014-05-26' }).request('DescribeRegions', {}, { method: 'GET' }),
    );
    expect((await sendRaw(a.port, captured)).status).toBe(200);
    const replay = await sendRaw(b.port, captured);
    expect({ status: replay.status, code: replay.json['Code'] }).toEqual({ status: 400, code: 'SignatureNonceUsed' });

    const nonce = new URLSearchParams(captured.url.slice(2)).get('SignatureNonce');
    const ttl = await admin.pttl(`${prefix}gateway:nonce:${TENANT.accessKeyId}:${nonce}`);
    expect(ttl).toBeGreaterThan(2 * WINDOW_MS - 60_000);
  });

  it('rejects on one replica an ECS SDK request already served by the other', async () => {
    const captured = await captureSignedRequest((host) =>
      new Ecs(new OpenApi.Config({ ...TENANT, endpoint: host, protocol: 'http', regionId: 'cn-hangzhou' })).describeRegions(new $Ecs.DescribeRegionsRequest({})),
    );
    expect((await sendRaw(b.port, captured)).status).toBe(200);
    const replay = await sendRaw(a.port, captured);
    expect({ status: replay.status, code: replay.json['Code'] }).toEqual({ status: 400, code: 'SignatureNonceUsed' });
  });

  // Eight calls at once span at most two one-second windows; one of them sees at least four, over the limit of three.
  it('enforces one per-key rate across replicas', async () => {
    // A pair of its own, so the calls of the other tests do not count against this limit.
    const c = await replica(3);
    const d = await replica(3);
    const client = (gateway: GatewayUnderTest) => new RPCClient({ ...TENANT, endpoint: `http://${gateway.host}`, apiVersion: '2014-05-26' });
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => client(i % 2 === 0 ? c : d).request('DescribeRegions', {})));
    const codes = outcomes.map((outcome) => (outcome.status === 'rejected' ? String((outcome.reason as { code?: unknown }).code) : 'ok'));
    expect(codes).toContain('Throttling.User');
    expect(codes.filter((code) => code !== 'ok' && code !== 'Throttling.User')).toEqual([]);
    expect(c.dispatcher.calls.length + d.dispatcher.calls.length).toBe(codes.filter((code) => code === 'ok').length);
  });
});
