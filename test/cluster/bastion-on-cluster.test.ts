import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { OPS_SHELL_ROUTES, signOpsCredential, type OpsOpenAnswer } from '@ecs/contracts';
import { bastionEndpoint, call, connectionToken, createOperator, grant, Terminal, terminalUrl } from '../bastion/support/bastion-client';
import { startTestCluster, type TestCluster } from '../support/cluster-harness';
import { eventually } from '../support/platform-harness';
import { $Ecs, ecsClient } from '../support/sdk-clients';

jest.setTimeout(120_000);

const ROOT = resolve(__dirname, '..', '..');

/**
 * The ops bastion as its own process in the local cluster, reaching a host agent process's ops
 * shell over the agent's internal HTTP API (found through the agent's ZooKeeper registration).
 */
describe('the ops bastion on the local cluster', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    cluster = await startTestCluster({ hosts: 1 });
  });
  afterAll(async () => cluster?.dispose());

  it('opens an audited session on a host agent process: the grant’s role holds, the chain verifies', async () => {
    const agent = cluster.cluster.specs().find((s) => s.role === 'host-agent')!;
    const hostId = agent.hostId!;
    const bastion = bastionEndpoint(cluster.dataDir);
    const ecs = ecsClient(cluster.gatewayUrl, cluster.credentials);
    const { body } = await ecs.runInstances(new $Ecs.RunInstancesRequest({ regionId: 'cn-hangzhou', instanceType: 'ecs.g7.large', imageId: 'aliyun_3_x64_20G_alibase_20241103.vhd' }));
    const instanceId = body!.instanceIdSets!.instanceIdSet![0];
    await eventually(
      async () => (await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: 'cn-hangzhou', instanceIds: JSON.stringify([instanceId]) }))).body?.instances?.instance?.[0]?.status,
      (status) => status === 'Running',
      30_000,
      `${instanceId} Running`,
    );

    const rita = await createOperator(bastion, 'rita');
    const auditor = await createOperator(bastion, 'audrey', ['auditor']);
    await grant(bastion, { user: 'rita', host: hostId, role: 'read-only' });
    const hosts = await call<{ hosts: { hostId: string; online: boolean }[] }>(bastion.url, 'GET', '/bastion/v1/hosts', { token: rita.session });
    expect(hosts.body.hosts).toEqual([expect.objectContaining({ hostId, online: true })]);

    const token = await connectionToken(bastion.url, rita, hostId);
    expect(token.status).toBe(201);
    const terminal = await Terminal.open(terminalUrl(bastion.url, hostId, token.body.token));
    expect(await terminal.run('virsh list')).toMatch(new RegExp(`${instanceId}\\s+running`));
    expect(await terminal.run('hostinfo')).toContain(hostId);
    expect(await terminal.run(`virsh destroy ${instanceId}`)).toContain('permission denied: needs the operator role');
    terminal.ws.send('exit\r');
    expect((await terminal.closed).code).toBe(1000);

    const audit = await call<{ entries: { actor: string; action: string; outcome: string; detail: Record<string, unknown> }[] }>(bastion.url, 'GET', '/bastion/v1/audit?limit=1000', { token: auditor.session });
    const commands = audit.body.entries.filter((e) => e.actor === 'rita' && e.action === 'command').map((e) => [e.detail.command, e.outcome]);
    expect(commands).toEqual([
      ['virsh list', 'ok'],
      ['hostinfo', 'ok'],
      ['virsh destroy', 'denied'],
    ]);
    const verified = await call<{ ok: boolean }>(bastion.url, 'GET', '/bastion/v1/audit/verify', { token: auditor.session });
    expect(verified.body.ok).toBe(true);
  });

  it('is found by the bastion CLI through the cluster’s data dir, as with npm start', async () => {
    const bastionCli = (args: string[]) =>
      promisify(execFile)(process.execPath, [join(ROOT, 'scripts', 'run.js'), 'apps/bastion-cli/src/main.js', ...args], {
        env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent', ECS_DATA_DIR: cluster.dataDir, ECS_BASTION_NEW_PASSWORD: 'a long initial password for carol' },
        timeout: 30_000,
      });
    await bastionCli(['admin', 'users', 'add', 'carol']);
    expect((await bastionCli(['admin', 'users', 'list'])).stdout).toContain('"carol"');
  });

  it('refuses a session open that carries the internal token but not the bastion’s signature', async () => {
    const agent = cluster.cluster.specs().find((s) => s.role === 'host-agent')!;
    const credential = signOpsCredential({ hostId: agent.hostId!, sessionId: 'bs-forged', user: 'mallory', role: 'operator', expiresAt: Date.now() + 30_000 }, Buffer.alloc(32, 7));
    const response = await fetch(`http://127.0.0.1:${agent.port}${OPS_SHELL_ROUTES.open}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cluster.internalToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ credential }),
    });
    expect(response.status).toBe(200);
    expect((await response.json()) as OpsOpenAnswer).toEqual({ opened: false, why: 'bad-signature' });
  });
});
