import type Ecs from '@alicloud/ecs20140526';
import { $Ecs, ecsClient, errorCodeOf, popClient } from '../support/sdk-clients';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform-harness';

const REGION = 'cn-hangzhou';
const ZONE = 'cn-hangzhou-h';
const IMAGE = 'aliyun_3_x64_20G_alibase_20241103.vhd';

describe('tenant instance lifecycle through the official SDKs (all-in-one)', () => {
  let platform: TestPlatform;
  let ecs: Ecs;

  beforeAll(async () => {
    platform = await startTestPlatform();
    ecs = ecsClient(platform.gatewayUrl, platform.credentials);
  });
  afterAll(async () => platform.dispose());

  async function statusOf(ids: string[]): Promise<Record<string, string>> {
    const { body } = await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify(ids), pageSize: 100 }));
    return Object.fromEntries((body?.instances?.instance ?? []).map((i) => [i.instanceId!, i.status!]));
  }

  async function waitFor(ids: string[], status: string): Promise<void> {
    await eventually(() => statusOf(ids), (s) => ids.every((id) => s[id] === status), 15_000, `${ids.join(',')} ${status}`);
  }

  it('answers /healthz once ready', async () => {
    const response = await fetch(`${platform.gatewayUrl}/healthz`);
    expect(response.status).toBe(200);
  });

  it('runs instances that go Pending/Starting → Running, with ECS response shapes', async () => {
    const { body } = await ecs.runInstances(
      new $Ecs.RunInstancesRequest({
        regionId: REGION,
        zoneId: ZONE,
        instanceType: 'ecs.g7.large',
        imageId: IMAGE,
        amount: 2,
        instanceName: 'web',
        tag: [new $Ecs.RunInstancesRequestTag({ key: 'env', value: 'e2e' })],
      }),
    );
    const ids = body!.instanceIdSets!.instanceIdSet!;
    expect(ids).toHaveLength(2);
    expect(body!.requestId).toMatch(/^[0-9A-F-]{36}$/);
    const early = await statusOf(ids);
    for (const id of ids) expect(['Pending', 'Starting', 'Running']).toContain(early[id]);
    await waitFor(ids, 'Running');

    const described = await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify(ids) }));
    const instance = described.body!.instances!.instance![0];
    expect(instance).toMatchObject({ regionId: REGION, zoneId: ZONE, instanceType: 'ecs.g7.large', cpu: 2, memory: 8192, imageId: IMAGE, status: 'Running' });
    // The OS is the instance's own, recorded from its image at launch.
    expect(instance).toMatchObject({ OSName: 'Alibaba Cloud Linux 3.2104 LTS 64位', OSType: 'linux' });
    expect(instance.instanceName).toMatch(/^web00[12]$/);
    expect(instance.tags!.tag![0]).toMatchObject({ tagKey: 'env', tagValue: 'e2e' });
    const ips = described.body!.instances!.instance!.map((i) => i.vpcAttributes!.privateIpAddress!.ipAddress![0]);
    expect(new Set(ips).size).toBe(2);
  });

  it('stops, starts, reboots and deletes, refusing wrong-state actions with IncorrectInstanceStatus', async () => {
    const { body } = await ecs.runInstances(new $Ecs.RunInstancesRequest({ regionId: REGION, zoneId: ZONE, instanceType: 'ecs.c7.large', imageId: IMAGE, amount: 1 }));
    const [id] = body!.instanceIdSets!.instanceIdSet!;
    await waitFor([id], 'Running');

    expect(await errorCodeOf(ecs.startInstance(new $Ecs.StartInstanceRequest({ instanceId: id })))).toBe('IncorrectInstanceStatus');
    expect(await errorCodeOf(ecs.deleteInstance(new $Ecs.DeleteInstanceRequest({ instanceId: id })))).toBe('IncorrectInstanceStatus');

    await ecs.stopInstance(new $Ecs.StopInstanceRequest({ instanceId: id }));
    await waitFor([id], 'Stopped');
    await ecs.startInstance(new $Ecs.StartInstanceRequest({ instanceId: id }));
    await waitFor([id], 'Running');
    await ecs.rebootInstance(new $Ecs.RebootInstanceRequest({ instanceId: id }));
    await waitFor([id], 'Running');
    const attribute = await ecs.describeInstanceAttribute(new $Ecs.DescribeInstanceAttributeRequest({ instanceId: id }));
    expect(attribute.body!.status).toBe('Running');

    await ecs.deleteInstance(new $Ecs.DeleteInstanceRequest({ instanceId: id, force: true }));
    await eventually(() => statusOf([id]), (s) => s[id] === undefined, 10_000, 'deleted');
    expect(await errorCodeOf(ecs.describeInstanceAttribute(new $Ecs.DescribeInstanceAttributeRequest({ instanceId: id })))).toBe('InvalidInstanceId.NotFound');
  });

  it('batch actions answer per instance, and CreateInstance leaves the instance Stopped', async () => {
    const created = await ecs.createInstance(new $Ecs.CreateInstanceRequest({ regionId: REGION, zoneId: ZONE, instanceType: 'ecs.g7.large', imageId: IMAGE }));
    const id = created.body!.instanceId!;
    await waitFor([id], 'Stopped');
    const started = await ecs.startInstances(new $Ecs.StartInstancesRequest({ regionId: REGION, instanceId: [id], batchOptimization: 'SuccessFirst' }));
    expect(started.body!.instanceResponses!.instanceResponse![0]).toMatchObject({ instanceId: id, code: '200', previousStatus: 'Stopped', currentStatus: 'Starting' });
    await waitFor([id], 'Running');
    const stopped = await ecs.stopInstances(new $Ecs.StopInstancesRequest({ regionId: REGION, instanceId: [id, 'i-doesnotexist00000000'], batchOptimization: 'SuccessFirst' }));
    const responses = stopped.body!.instanceResponses!.instanceResponse!;
    expect(responses.find((r) => r.instanceId === id)!.code).toBe('200');
    expect(responses.find((r) => r.instanceId !== id)!.code).toBe('InvalidInstanceId.NotFound');
    await waitFor([id], 'Stopped');
    await ecs.modifyInstanceAttribute(new $Ecs.ModifyInstanceAttributeRequest({ instanceId: id, instanceName: 'renamed', description: 'after the change' }));
    const attribute = await ecs.describeInstanceAttribute(new $Ecs.DescribeInstanceAttributeRequest({ instanceId: id }));
    expect(attribute.body!.instanceName).toBe('renamed');
    const deleted = await ecs.deleteInstances(new $Ecs.DeleteInstancesRequest({ regionId: REGION, instanceId: [id] }));
    expect(deleted.body!.requestId).toBeDefined();
  });

  it('pages DescribeInstances by number and by token, the same set both ways', async () => {
    const { body } = await ecs.runInstances(new $Ecs.RunInstancesRequest({ regionId: REGION, zoneId: ZONE, instanceType: 'ecs.c7.large', imageId: IMAGE, amount: 5, instanceName: 'pager' }));
    expect(body!.instanceIdSets!.instanceIdSet).toHaveLength(5);
    const byNumber: string[] = [];
    for (let page = 1; ; page++) {
      const r = await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, instanceName: 'pager*', pageNumber: page, pageSize: 2 }));
      expect(r.body!.totalCount).toBe(5);
      const items = r.body!.instances!.instance!;
      byNumber.push(...items.map((i) => i.instanceId!));
      if (items.length < 2) break;
    }
    const byToken: string[] = [];
    let nextToken: string | undefined;
    do {
      const r = await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, instanceName: 'pager*', maxResults: 2, ...(nextToken ? { nextToken } : {}) }));
      byToken.push(...r.body!.instances!.instance!.map((i) => i.instanceId!));
      nextToken = r.body!.nextToken || undefined;
    } while (nextToken);
    expect(byNumber.sort()).toEqual(byToken.sort());
    expect(new Set(byNumber).size).toBe(5);
  });

  it('serves the catalog and the lifecycle through the classic RPC v1 client too', async () => {
    const pop = popClient(platform.gatewayUrl, platform.credentials);
    const regions = await pop.request<{ Regions: { Region: { RegionId: string }[] } }>('DescribeRegions', {}, { method: 'POST' });
    expect(regions.Regions.Region.map((r) => r.RegionId)).toContain(REGION);
    const zones = await pop.request<{ Zones: { Zone: unknown[] } }>('DescribeZones', { RegionId: REGION }, { method: 'GET' });
    expect(zones.Zones.Zone.length).toBeGreaterThanOrEqual(2);
    const types = await pop.request<{ InstanceTypes: { InstanceType: unknown[] } }>('DescribeInstanceTypes', { RegionId: REGION }, { method: 'POST' });
    expect(types.InstanceTypes.InstanceType.length).toBeGreaterThanOrEqual(6);
    const run = await pop.request<{ InstanceIdSets: { InstanceIdSet: string[] } }>('RunInstances', { RegionId: REGION, ZoneId: 'cn-hangzhou-i', InstanceType: 'ecs.r7.large', ImageId: IMAGE }, { method: 'POST' });
    const [id] = run.InstanceIdSets.InstanceIdSet;
    await waitFor([id], 'Running');
    const status = await pop.request<{ InstanceStatuses: { InstanceStatus: { InstanceId: string; Status: string }[] } }>('DescribeInstanceStatus', { RegionId: REGION, ZoneId: 'cn-hangzhou-i' }, { method: 'POST' });
    expect(status.InstanceStatuses.InstanceStatus).toContainEqual({ InstanceId: id, Status: 'Running' });
  });
});
