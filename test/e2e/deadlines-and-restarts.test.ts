import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Ecs from '@alicloud/ecs20140526';
import { $Ecs, ecsClient } from '../support/sdk-clients';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform-harness';

const REGION = 'cn-hangzhou';
const IMAGE = 'aliyun_3_x64_20G_alibase_20241103.vhd';

async function describe1(ecs: Ecs, id: string) {
  const { body } = await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify([id]) }));
  return body!.instances!.instance![0];
}

describe('durable tasks with deadlines (all-in-one)', () => {
  let platform: TestPlatform;
  let ecs: Ecs;

  beforeAll(async () => {
    platform = await startTestPlatform({ ECS_SIM_HOSTS: '2', ECS_SIM_BOOT_MS: '300', ECS_TASK_DEADLINE_MS: '1500' });
    ecs = ecsClient(platform.gatewayUrl, platform.credentials);
  });
  afterAll(async () => platform.dispose());

  it('ends a start whose host agent crashed midway in Stopped, the operation failed, not stuck', async () => {
    const { body } = await ecs.runInstances(new $Ecs.RunInstancesRequest({ regionId: REGION, zoneId: 'cn-hangzhou-h', instanceType: 'ecs.g7.large', imageId: IMAGE }));
    const id = body!.instanceIdSets!.instanceIdSet![0];
    const host = platform.fleet.hosts.find((h) => h.registration.zoneId === 'cn-hangzhou-h')!;
    await host.agent.crash();
    const settled = await eventually(() => describe1(ecs, id), (i) => i?.status === 'Stopped', 10_000, 'Stopped after the deadline');
    expect(settled.status).toBe('Stopped');
    const record = await platform.control.api.describeInstances({ accountId: (await platform.accounts.findAccessKey(platform.credentials.accessKeyId))!.accountId, regionId: REGION, instanceIds: [id] });
    expect(record.instances[0].latestOperation).toMatchObject({ name: 'RunInstances', state: 'Failed', errorCode: 'OperationTimeout' });

    // The restarted agent converges the hypervisor to the record: the guest is powered off, and can start again.
    await platform.fleet.restartAgent(host.registration.hostId);
    await eventually(() => host.driver.domainState(id), (d) => d.state === 'shutoff', 10_000, 'domain shut off');
    await ecs.startInstance(new $Ecs.StartInstanceRequest({ instanceId: id }));
    await eventually(() => describe1(ecs, id), (i) => i?.status === 'Running', 10_000, 'Running again');
  });
});

describe('state survives a restart (all-in-one)', () => {
  it('brings every instance back in the status it should have', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ecs-restart-'));
    try {
      let platform: TestPlatform = await startTestPlatform({ ECS_SIM_HOSTS: '2' }, dataDir);
      let ecs = ecsClient(platform.gatewayUrl, platform.credentials);
      const { body } = await ecs.runInstances(new $Ecs.RunInstancesRequest({ regionId: REGION, zoneId: 'cn-hangzhou-i', instanceType: 'ecs.g7.large', imageId: IMAGE, amount: 2 }));
      const [running, stopped] = body!.instanceIdSets!.instanceIdSet! as [string, string];
      await eventually(() => Promise.all([describe1(ecs, running), describe1(ecs, stopped)]), (l) => l.every((i) => i?.status === 'Running'), 10_000, 'both Running');
      await ecs.stopInstance(new $Ecs.StopInstanceRequest({ instanceId: stopped }));
      await eventually(() => describe1(ecs, stopped), (i) => i?.status === 'Stopped', 10_000, 'Stopped');
      const credentials = platform.credentials;
      await platform.stop();

      platform = await startTestPlatform({ ECS_SIM_HOSTS: '2' }, dataDir);
      expect(platform.credentials.accessKeyId).toBe(credentials.accessKeyId);
      ecs = ecsClient(platform.gatewayUrl, platform.credentials);
      expect((await describe1(ecs, stopped)).status).toBe('Stopped');
      expect((await describe1(ecs, running)).status).toBe('Running');
      const host = platform.fleet.hosts.find((h) => h.registration.hostId === (platform.fleet.hosts.find((x) => x.registration.zoneId === 'cn-hangzhou-i')!.registration.hostId))!;
      await eventually(() => host.driver.domainState(running), (d) => d.state === 'running', 10_000, 'guest running again on the hypervisor');
      await platform.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
