import { randomUUID } from 'node:crypto';
import Ecs from '@alicloud/ecs20140526';
import * as $OpenApi from '@alicloud/openapi-client';
import { readAdminEndpoint } from '@ecs/config';
import type { InstanceLifecycleEvent, VmStateEvent } from '@ecs/contracts';
import { createEventBus, type EventBus } from '@ecs/events';
import type { Database } from '@ecs/persistence';
import { encodeRpcParams, signRpcRequest } from '@ecs/signature';
import { Redis } from 'ioredis';
import { startTestCluster, TEST_SESSION_TIMEOUT_MS, type TestCluster } from '../support/cluster-harness';
import { $Ecs, errorCodeOf } from '../support/sdk-clients';
import { accountIdOf, controlLeader, liveInstances, unpublishedOutbox, waitUntil, type InstanceRow } from './support/cluster-probes';
import { PrivateKafka } from './support/private-kafka';
import { PrivateRedis } from './support/private-redis';

const REGION = 'cn-hangzhou';
const ZONE = 'cn-hangzhou-i';
const IMAGE = 'aliyun_3_x64_20G_alibase_20241103.vhd';

jest.setTimeout(240_000);

describe('infrastructure faults on the local cluster (a private Kafka broker and Redis to break)', () => {
  let kafka: PrivateKafka;
  let redis: PrivateRedis;
  let env: TestCluster;
  let ecs: Ecs;
  let db: Database;
  let accountId: string;
  let observer: EventBus;
  const vmStates: VmStateEvent[] = [];
  const lifecycles: InstanceLifecycleEvent[] = [];

  beforeAll(async () => {
    [kafka, redis] = await Promise.all([PrivateKafka.start(), PrivateRedis.start()]);
    env = await startTestCluster({ kafkaBrokers: kafka.brokers, redisUrl: redis.url });
    ecs = new Ecs(new $OpenApi.Config({ ...env.credentials, endpoint: new URL(env.gatewayUrl).host, protocol: 'http', regionId: REGION, readTimeout: 60_000, connectTimeout: 60_000 }));
    db = await env.openDatabase();
    accountId = await accountIdOf(db, env.credentials.accessKeyId);
    // A bystander consumer of both topics: what the platform published, as any subscriber sees it.
    observer = createEventBus({ kind: 'kafka', brokers: kafka.brokers, clientId: 'ecs-test-observer', topicPrefix: env.kafka.topicPrefix });
    await observer.subscribe('ecs.vm-state', 'test-observer-vm-state', async (event) => void vmStates.push(event));
    await observer.subscribe('ecs.instance-lifecycle', 'test-observer-lifecycle', async (event) => void lifecycles.push(event));
  });

  afterAll(async () => {
    await observer?.close();
    await db?.close();
    await env?.dispose();
    await Promise.all([kafka?.stop(), redis?.stop()]);
  });

  afterEach(() => {
    const state = expect.getState();
    if (state.assertionCalls !== state.numPassingAsserts) process.stderr.write(env.logs());
  });

  async function run(amount: number, clientToken = randomUUID()): Promise<string[]> {
    const { body } = await ecs.runInstances(new $Ecs.RunInstancesRequest({ regionId: REGION, zoneId: ZONE, instanceType: 'ecs.c7.large', imageId: IMAGE, amount, clientToken }));
    return body!.instanceIdSets!.instanceIdSet!;
  }

  async function statuses(ids: readonly string[]): Promise<Record<string, string>> {
    const rows = await liveInstances(db, accountId);
    return Object.fromEntries(rows.filter((r) => ids.includes(r.instanceId)).map((r) => [r.instanceId, r.status]));
  }

  async function waitStatus(ids: readonly string[], status: string, timeoutMs = 30_000): Promise<void> {
    await waitUntil(`${ids.join(',')} ${status}`, async () => {
      const now = await statuses(ids);
      return ids.every((id) => now[id] === status);
    }, timeoutMs, 200);
  }

  /** What a tenant reads of instances, one at a time (the path the status cache serves) and all at once. */
  async function tenantView(ids: readonly string[]): Promise<Record<string, string>> {
    const one = await Promise.all(ids.map(async (id) => (await ecs.describeInstanceAttribute(new $Ecs.DescribeInstanceAttributeRequest({ instanceId: id }))).body!));
    const all = await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify(ids), pageSize: 100 }));
    expect(Object.fromEntries(all.body!.instances!.instance!.map((i) => [i.instanceId!, i.status!]))).toEqual(Object.fromEntries(one.map((i) => [i.instanceId!, i.status!])));
    return Object.fromEntries(one.map((i) => [`${i.instanceId!}`, `${i.status!} ${i.instanceName!}`]));
  }

  async function redisKeys(pattern: string): Promise<string[]> {
    const client = new Redis(redis.url, { maxRetriesPerRequest: 0 });
    try {
      return await client.keys(pattern);
    } finally {
      client.disconnect();
    }
  }

  /** An operator's catalog edit through the business layer's admin API (the admin CLI's way in). */
  async function adminEdit(path: string, body: object): Promise<void> {
    const admin = readAdminEndpoint(env.dataDir)!;
    const response = await fetch(`${admin.url}/admin/v1/${path}`, { method: 'PUT', headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status).toBe(200);
  }

  it('a Kafka broker restart mid-run: events resume and no state is lost', async () => {
    const before = await run(4);
    await waitStatus(before, 'Running');

    await kafka.kill();
    // The API keeps working on the database: launches and stops are accepted while no event can flow.
    const during = await run(3);
    await ecs.stopInstances(new $Ecs.StopInstancesRequest({ regionId: REGION, instanceId: before.slice(0, 2) }));
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(Object.values(await statuses(during)).every((s) => s === 'Starting')).toBe(true);
    expect(await unpublishedOutbox(db)).toBeGreaterThan(0);

    await kafka.startBroker();
    await waitStatus(during, 'Running', 60_000);
    await waitStatus(before.slice(0, 2), 'Stopped', 60_000);
    await waitStatus(before.slice(2), 'Running');
    await waitUntil('the outbox to drain', async () => (await unpublishedOutbox(db)) === 0, 30_000, 200);
    // Everything control wrote reached Kafka, in order per instance.
    await waitUntil('the lifecycle events to arrive', async () => during.every((id) => lifecycles.some((e) => e.instanceId === id && e.status === 'Running')), 30_000, 200);
  });

  it('FLUSHALL of Redis mid-run changes no result', async () => {
    const token = randomUUID();
    const ids = await run(3, token);
    await waitStatus(ids, 'Running');
    const liveBefore = (await liveInstances(db, accountId)).length;
    // The replay of the completed launch is answered from Redis, where control keeps its answer.
    expect(await run(3, token)).toEqual(ids);
    expect(await redisKeys(`*client-token:*:${token}`)).toHaveLength(1);
    await ecs.modifyInstanceAttribute(new $Ecs.ModifyInstanceAttributeRequest({ instanceId: ids[0], instanceName: 'before-flush' }));
    const seen = await tenantView(ids);
    expect(await redis.keyCount()).toBeGreaterThan(0);

    await redis.flushAll();
    expect(await redis.keyCount()).toBe(0);
    // Reads fall back to the database and refill the cache; ClientTokens live in the database.
    expect(await tenantView(ids)).toEqual(seen);
    expect(await run(3, token)).toEqual(ids);

    await ecs.stopInstances(new $Ecs.StopInstancesRequest({ regionId: REGION, instanceId: [ids[1]] }));
    await redis.flushAll();
    await waitStatus([ids[1]], 'Stopped');
    await ecs.modifyInstanceAttribute(new $Ecs.ModifyInstanceAttributeRequest({ instanceId: ids[0], instanceName: 'after-flush' }));
    await redis.flushAll();
    const after = await tenantView(ids);
    expect(after).toEqual({ ...seen, [ids[0]]: 'Running after-flush', [ids[1]]: `Stopped ${seen[ids[1]].split(' ')[1]}` });
    expect(await run(3, token)).toEqual(ids);
    // The replays made no instance; other parameters with the token are refused, from Redis and from the database.
    expect(await liveInstances(db, accountId)).toHaveLength(liveBefore);
    expect(await errorCodeOf(run(2, token))).toBe('IdempotentParameterMismatch');
    await redis.flushAll();
    expect(await errorCodeOf(run(2, token))).toBe('IdempotentParameterMismatch');
    // Replay protection carries on from the flush: a nonce used after it is refused the second time.
    const signed = encodeRpcParams(signRpcRequest({ method: 'GET', params: { Action: 'DescribeRegions', Version: '2014-05-26' }, ...env.credentials }));
    expect((await fetch(`${env.gatewayUrl}/?${signed}`)).status).toBe(200);
    expect(await (await fetch(`${env.gatewayUrl}/?${signed}`)).json()).toMatchObject({ Code: 'SignatureNonceUsed' });
  });

  it('a catalog edit through the admin API reaches the tenant API at once, with the catalog cached in Redis and after a FLUSHALL', async () => {
    const type = 'ecs.g7.large';
    const dryRun = () => errorCodeOf(ecs.runInstances(new $Ecs.RunInstancesRequest({ regionId: REGION, zoneId: ZONE, instanceType: type, imageId: IMAGE, dryRun: true })));
    const category = async () => {
      const { body } = await ecs.describeAvailableResource(new $Ecs.DescribeAvailableResourceRequest({ regionId: REGION, destinationResource: 'InstanceType', zoneId: ZONE, instanceType: type }));
      return body!.availableZones!.availableZone![0]?.availableResources!.availableResource![0].supportedResources!.supportedResource![0].statusCategory;
    };
    const vcpusOf = async (instanceType: string) => {
      const { body } = await ecs.describeInstanceTypes(new $Ecs.DescribeInstanceTypesRequest({ instanceTypes: [instanceType] }));
      return body!.instanceTypes!.instanceType![0]?.cpuCoreCount;
    };
    expect(await dryRun()).toBe('DryRunOperation');
    expect(await category()).toBe('WithStock');
    expect((await redisKeys('*catalog:*')).length).toBeGreaterThan(1);

    await adminEdit(`sale-specs/${ZONE}/${type}`, { onSale: false });
    expect(await dryRun()).toBe('InvalidInstanceType.NotSupported');
    expect(await category()).toBe('ClosedWithStock');
    await redis.flushAll();
    expect(await dryRun()).toBe('InvalidInstanceType.NotSupported');
    expect(await category()).toBe('ClosedWithStock');

    expect(await vcpusOf('ecs.g7.flush-test')).toBeUndefined();
    await adminEdit('instance-types/ecs.g7.flush-test', { familyId: 'ecs.g7', vcpus: 6, memoryGiB: 24, hostClass: 'x86-general', pricePerHour: 1 });
    expect(await vcpusOf('ecs.g7.flush-test')).toBe(6);
    await adminEdit(`sale-specs/${ZONE}/${type}`, { onSale: true });
    expect(await category()).toBe('WithStock');
    expect(await dryRun()).toBe('DryRunOperation');
  });

  it('a crash between a database commit and its publish: the outbox publishes after the restart, and a duplicate delivery changes nothing', async () => {
    const leader = (await controlLeader(env.cluster))!;
    await kafka.kill();
    const ids = await run(2);
    await waitUntil('the launch to sit unpublished in the outbox', async () => (await unpublishedOutbox(db)) > 0, 10_000);
    // The leader dies holding committed changes it never published.
    env.cluster.signal(leader.name, 'SIGKILL');
    await env.cluster.exited(leader.name);
    await kafka.startBroker();

    await waitUntil('a new leader', async () => ((await controlLeader(env.cluster))?.epoch ?? 0) > leader.epoch, TEST_SESSION_TIMEOUT_MS + 5_000, 100);
    await waitUntil('the new leader to drain the outbox', async () => (await unpublishedOutbox(db)) === 0, 30_000, 200);
    await waitStatus(ids, 'Running', 60_000);
    await waitUntil('the lifecycle events of the launch', async () => ids.every((id) => lifecycles.some((e) => e.instanceId === id && e.status === 'Starting')), 30_000, 200);

    // Redeliver what the hosts and control already published: the consumers must change nothing.
    const settledRows = await liveInstances(db, accountId);
    const reported = vmStates.filter((e) => ids.includes(e.instanceId) && e.state === 'running');
    expect(reported.length).toBeGreaterThan(0);
    const producer = createEventBus({ kind: 'kafka', brokers: kafka.brokers, clientId: 'ecs-test-duplicates', topicPrefix: env.kafka.topicPrefix });
    try {
      for (const event of reported) {
        await producer.publish('ecs.vm-state', event.instanceId, event);
        // The same observation under a new event id but an old sequence number: stale, dropped by seq.
        await producer.publish('ecs.vm-state', event.instanceId, { ...event, eventId: randomUUID(), state: 'shutoff' });
      }
      for (const event of lifecycles.filter((e) => ids.includes(e.instanceId))) await producer.publish('ecs.instance-lifecycle', event.instanceId, event);
      // A marker behind the duplicates in each instance's partition: once control has taken it, it has taken them.
      const markers = ids.map(() => randomUUID());
      for (const [n, id] of ids.entries()) await producer.publish('ecs.vm-state', id, { ...reported[0], eventId: markers[n], instanceId: `i-marker${n}` });
      await waitUntil('control to consume the redeliveries', async () => {
        const seenMarkers: unknown[] = await db.manager.query(`SELECT event_id FROM inbox WHERE consumer = 'control' AND event_id IN (?, ?)`, markers);
        return seenMarkers.length === markers.length;
      }, 20_000, 100);
    } finally {
      await producer.close();
    }
    // Agents keep re-reporting (each report moves lastEventSeq on); what a duplicate could corrupt did not move.
    const observable = (rows: readonly InstanceRow[]) =>
      rows.filter((r) => ids.includes(r.instanceId)).map(({ instanceId, hostId, status, latestOperationState }) => ({ instanceId, hostId, status, latestOperationState }));
    const now = await liveInstances(db, accountId);
    expect(observable(now)).toEqual(observable(settledRows));
    for (const row of settledRows.filter((r) => ids.includes(r.instanceId))) expect(now.find((r) => r.instanceId === row.instanceId)!.lastEventSeq).toBeGreaterThanOrEqual(row.lastEventSeq);
    expect(Object.values(await tenantView(ids)).every((v) => v.startsWith('Running'))).toBe(true);
  });
});
