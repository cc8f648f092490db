import { randomUUID } from 'node:crypto';
import Ecs from '@alicloud/ecs20140526';
import * as $OpenApi from '@alicloud/openapi-client';
import { HOST_COMMAND_ROUTE, CONTROL_ROUTES } from '@ecs/contracts';
import type { Database } from '@ecs/persistence';
import { ZkAdmin } from '../coordination/support/zk-admin';
import { startTestCluster, TEST_SESSION_TIMEOUT_MS, type TestCluster } from '../support/cluster-harness';
import { $Ecs } from '../support/sdk-clients';
import { accountIdOf, controlLeader, fenceEpoch, hostRows, liveInstances, registeredHosts, settled, waitUntil, type InstanceRow } from './support/cluster-probes';

const REGION = 'cn-hangzhou';
const IMAGE = 'aliyun_3_x64_20G_alibase_20241103.vhd';
/** A takeover waits for the dead leader's session to expire, then elects; allow a little for the election and our polling. */
const TAKEOVER_BUDGET_MS = TEST_SESSION_TIMEOUT_MS + 3_000;
/**
 * Outcomes a tenant may get while control fails over, each retried with the same ClientToken: the
 * service's own "try again", and the SDK giving up on a call that waited out the election.
 */
const RETRYABLE = new Set(['ServiceUnavailable', 'InternalError', 'ClientTimeout']);
/** Codes that end a launch cleanly: no capacity left, or the first call with the token died with its leader. */
const CLEAR_FAILURES = new Set(['OperationDenied.NoStock', 'LastTokenProcessing']);

jest.setTimeout(180_000);

describe('control failover on the local cluster (two replicas, ZooKeeper election, fenced writes)', () => {
  let env: TestCluster;
  let ecs: Ecs;
  let db: Database;
  let zk: ZkAdmin;
  let accountId: string;

  beforeAll(async () => {
    // Small hosts (4 × 8 vCPU) so that the burst below runs out of capacity: over-booking would show.
    env = await startTestCluster({ env: { ECS_HOST_VCPUS: '8', ECS_HOST_MEMORY_GIB: '32', ECS_TASK_DEADLINE_MS: '15000' } });
    // A patient tenant: the SDK's connect timer also runs while a kept-alive connection waits for its
    // answer, and a replay of a ClientToken may wait up to 15 s for the first call's outcome.
    ecs = new Ecs(new $OpenApi.Config({ ...env.credentials, endpoint: new URL(env.gatewayUrl).host, protocol: 'http', regionId: REGION, readTimeout: 60_000, connectTimeout: 60_000 }));
    db = await env.openDatabase();
    zk = await ZkAdmin.connect(env.zookeeper.connectString);
    accountId = await accountIdOf(db, env.credentials.accessKeyId);
  });

  afterAll(async () => {
    zk?.close();
    await db?.close();
    await env?.dispose();
  });

  afterEach(() => {
    const state = expect.getState();
    if (state.assertionCalls !== state.numPassingAsserts) process.stderr.write(env.logs());
  });

  async function launch(clientToken: string, zoneId?: string): Promise<{ ids: string[] } | { code: string }> {
    try {
      const { body } = await ecs.runInstances(new $Ecs.RunInstancesRequest({ regionId: REGION, ...(zoneId ? { zoneId } : {}), instanceType: 'ecs.g7.large', imageId: IMAGE, amount: 1, clientToken }));
      return { ids: body!.instanceIdSets!.instanceIdSet! };
    } catch (error) {
      const { code, name } = error as { code?: string; name?: string };
      return { code: code ?? (name === 'RequestTimeoutError' ? 'ClientTimeout' : String(error)) };
    }
  }

  /** A tenant's launch that rides out failures: retried with the same ClientToken until it succeeds or fails clearly. */
  async function launchUntilSettled(clientToken: string): Promise<{ ids: string[] } | { code: string }> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await launch(clientToken);
      if ('ids' in outcome || CLEAR_FAILURES.has(outcome.code) || attempt >= 10) return outcome;
      if (!RETRYABLE.has(outcome.code)) return outcome;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }

  async function waitSettled(what: string, alsoAllowed: readonly string[] = []): Promise<InstanceRow[]> {
    await waitUntil(what, async () => settled(await liveInstances(db, accountId), alsoAllowed), 40_000, 250);
    return liveInstances(db, accountId);
  }

  /**
   * Deletes instances and waits until their hosts confirmed it and gave the capacity back. Each
   * instance is asked again while still live: a delete whose compare-and-swap lost to a host
   * report's update of the same row is refused (IncorrectInstanceStatus) though the status allows it.
   */
  async function deleteAndRelease(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await waitUntil('the instances to be deleted', async () => {
      const live = (await liveInstances(db, accountId)).filter((r) => ids.includes(r.instanceId)).map((r) => r.instanceId);
      if (live.length === 0) return true;
      const refused = await ecs.deleteInstances(new $Ecs.DeleteInstancesRequest({ regionId: REGION, instanceId: live, force: true })).then(
        () => undefined,
        (error: { code?: string }) => error,
      );
      if (refused && refused.code !== 'IncorrectInstanceStatus') throw new Error(`DeleteInstances failed: ${refused.code ?? 'unknown error'}`);
      return false;
    }, 20_000, 200);
    await waitUntil('the capacity to be released', async () => {
      const held: { n: string | number }[] = await db.manager.query(`SELECT COUNT(*) AS n FROM allocations WHERE instance_id IN (${ids.map(() => '?').join(',')})`, [...ids]);
      return Number(held[0].n) === 0;
    }, 20_000, 200);
  }

  async function expectNoHostOverCapacity(): Promise<void> {
    const hosts = await hostRows(db);
    const live = await liveInstances(db);
    for (const host of hosts) {
      const onHost = live.filter((i) => i.hostId === host.hostId);
      expect(host.usedVcpus).toBeLessThanOrEqual(host.vcpus);
      expect(host.usedMemoryMiB).toBeLessThanOrEqual(host.memoryMiB);
      // The ledger agrees with the instances it says it holds.
      expect(onHost.reduce((sum, i) => sum + i.vcpus, 0)).toBe(host.usedVcpus);
    }
  }

  it('SIGKILL of the leader during a RunInstances burst: the standby takes over within the session timeout, no duplicates, no host over capacity', async () => {
    const before = await controlLeader(env.cluster);
    expect(before).toBeDefined();
    const tokens = Array.from({ length: 24 }, () => randomUUID());
    const outcomes = new Map<string, { ids: string[] } | { code: string }>();
    let completed = 0;
    let takeoverMs = Number.NaN;
    const queue = [...tokens];
    const worker = async () => {
      for (let token = queue.shift(); token !== undefined; token = queue.shift()) {
        outcomes.set(token, await launchUntilSettled(token));
        completed++;
      }
    };
    const killer = (async () => {
      await waitUntil('the burst to get going', async () => completed >= 4, 30_000, 5);
      env.cluster.signal(before!.name, 'SIGKILL');
      takeoverMs = await waitUntil('a new leader', async () => ((await controlLeader(env.cluster))?.epoch ?? 0) > before!.epoch, TAKEOVER_BUDGET_MS, 50);
    })();
    await Promise.all([...Array.from({ length: 6 }, worker), killer]);

    const after = await controlLeader(env.cluster);
    expect(after!.name).not.toBe(before!.name);
    expect(after!.epoch).toBeGreaterThan(before!.epoch);
    expect(takeoverMs).toBeLessThan(TAKEOVER_BUDGET_MS);

    const returned = [...outcomes.values()].flatMap((o) => ('ids' in o ? o.ids : []));
    const failures = [...outcomes.values()].flatMap((o) => ('code' in o ? [o.code] : []));
    expect(failures.filter((code) => !CLEAR_FAILURES.has(code))).toEqual([]);
    expect(new Set(returned).size).toBe(returned.length);

    const live = await waitSettled('every instance Running or clearly failed');
    const liveIds = new Set(live.map((i) => i.instanceId));
    for (const id of returned) expect(liveIds.has(id)).toBe(true);
    // Instances nobody got an id for can only come from launches whose first call died with the leader.
    const stuckTokens = failures.filter((code) => code === 'LastTokenProcessing').length;
    expect(live.length - returned.length).toBeLessThanOrEqual(stuckTokens);
    expect(live.length).toBeLessThanOrEqual(tokens.length);
    await expectNoHostOverCapacity();
    expect(await fenceEpoch(db)).toBe(after!.epoch);
  });

  it('SIGSTOP of the leader past its session timeout: the standby leads; after SIGCONT the old leader is refused by epoch everywhere', async () => {
    const stopped = (await controlLeader(env.cluster))!;
    const standby = env.cluster.specs().find((s) => s.role === 'control' && s.name !== stopped.name)!;
    // The replica killed in the previous test comes back as the standby; some room is made for launches.
    await env.cluster.restart(standby.name);
    await deleteAndRelease((await liveInstances(db, accountId)).slice(0, 4).map((r) => r.instanceId));

    env.cluster.signal(stopped.name, 'SIGSTOP');
    const takeoverMs = await waitUntil('the standby to lead', async () => (await controlLeader(env.cluster))?.name === standby.name, TAKEOVER_BUDGET_MS, 50);
    const successor = (await controlLeader(env.cluster))!;
    expect(successor.epoch).toBeGreaterThan(stopped.epoch);
    expect(takeoverMs).toBeLessThan(TAKEOVER_BUDGET_MS);

    // The cluster works under the new leader while the old one is frozen.
    const launched = await launchUntilSettled(randomUUID());
    expect(launched).toHaveProperty('ids');

    env.cluster.signal(stopped.name, 'SIGCONT');
    const oldPort = env.cluster.specs().find((s) => s.name === stopped.name)!.port;
    await waitUntil('the old leader to answer as a follower', async () => (await controlLeader(env.cluster))?.name === standby.name, 10_000);

    // 1. Its own API refuses leader-only work: the caller is told to go to the leader.
    const refused = await fetch(`http://127.0.0.1:${oldPort}${CONTROL_ROUTES.launchInstances}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${env.internalToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ accountId, regionId: REGION }),
    });
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: { kind: string } }).error.kind).toBe('not-leader');

    // 2. A host agent refuses a command carrying the old epoch, and the guest survives it.
    const running = (await liveInstances(db, accountId)).find((i) => i.status === 'Running' && i.hostId !== null)!;
    const agent = env.cluster.specs().find((s) => s.hostId === running.hostId)!;
    const command = await fetch(`http://127.0.0.1:${agent.port}${HOST_COMMAND_ROUTE}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${env.internalToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'destroy', epoch: stopped.epoch, instanceId: running.instanceId }),
    });
    expect(command.status).toBe(409);
    expect(((await command.json()) as { error: { kind: string; currentEpoch: number } }).error).toMatchObject({ kind: 'stale-epoch', currentEpoch: successor.epoch });

    // 3. The database fence stands at the successor's epoch: the old leader's transactions cannot commit.
    expect(await fenceEpoch(db)).toBe(successor.epoch);

    // Nothing the old leader did after waking changed a thing: every instance settled, capacity intact.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const rows = await waitSettled('instances after the old leader woke');
    expect(rows.find((r) => r.instanceId === running.instanceId)?.status).toBe('Running');
    await expectNoHostOverCapacity();
  });

  it('SIGKILL of a host agent: its host goes down within the session timeout and takes no launches; restarted, it re-registers and reconciles', async () => {
    const zone = 'cn-hangzhou-h';
    const rows = await liveInstances(db, accountId);
    const victim = rows.find((r) => r.status === 'Running' && r.hostId?.includes(`-${zone}-`))!;
    const agent = env.cluster.specs().find((s) => s.hostId === victim.hostId)!;
    // Room in the zone on the other host only, so a launch there has exactly one place to go.
    await deleteAndRelease(rows.filter((r) => r.hostId !== victim.hostId && r.hostId?.includes(`-${zone}-`)).map((r) => r.instanceId));

    env.cluster.signal(agent.name, 'SIGKILL');
    await env.cluster.exited(agent.name);
    const downMs = await waitUntil('the host to drop out', async () => !(await registeredHosts(zk, env.zookeeper.root)).includes(victim.hostId!), TAKEOVER_BUDGET_MS, 50);
    expect(downMs).toBeLessThan(TAKEOVER_BUDGET_MS);

    // While it is down: a stop for its guest cannot reach it, and new launches in its zone go elsewhere.
    await ecs.stopInstances(new $Ecs.StopInstancesRequest({ regionId: REGION, instanceId: [victim.instanceId] }));
    const placed = await launch(randomUUID(), zone);
    expect('ids' in placed).toBe(true);
    const newcomer = (await liveInstances(db, accountId)).find((r) => 'ids' in placed && r.instanceId === placed.ids[0])!;
    expect(newcomer.hostId).not.toBe(victim.hostId);

    await env.cluster.restart(agent.name);
    await waitUntil('the host to register again', async () => (await registeredHosts(zk, env.zookeeper.root)).includes(victim.hostId!), 10_000);
    // Level-triggered: the restarted agent pulls the desired state and carries out the stop it never received.
    await waitUntil('the lost stop to be carried out', async () => (await liveInstances(db, accountId)).find((r) => r.instanceId === victim.instanceId)?.status === 'Stopped', 30_000, 200);
    const final = await waitSettled('the fleet after the agent came back', ['Stopped']);
    expect(final.find((r) => r.instanceId === newcomer.instanceId)?.status).toBe('Running');
    await expectNoHostOverCapacity();
  });
});
