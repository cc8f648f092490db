import type Ecs from '@alicloud/ecs20140526';
import { $Ecs, ecsClient, errorCodeOf, errorOf } from '../support/sdk-clients';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform-harness';

const REGION = 'cn-hangzhou';
const ZONE = 'cn-hangzhou-h';
const IMAGE = 'aliyun_3_x64_20G_alibase_20241103.vhd';

describe('deployment sets and cold resize (all-in-one)', () => {
  let platform: TestPlatform;
  let ecs: Ecs;
  let accountId: string;

  beforeAll(async () => {
    // Four hosts, two per zone, 8 vCPU / 32 GiB each.
    platform = await startTestPlatform({ ECS_SIM_HOSTS: '4', ECS_SIM_HOST_VCPUS: '8', ECS_SIM_HOST_MEMORY_GIB: '32' });
    ecs = ecsClient(platform.gatewayUrl, platform.credentials);
    accountId = (await platform.accounts.findAccessKey(platform.credentials.accessKeyId))!.accountId;
  });
  afterAll(async () => platform.dispose());

  const statusOf = async (id: string) => (await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify([id]) }))).body!.instances!.instance![0];
  const hostOf = async (id: string) => (await platform.control.api.describeInstances({ accountId, regionId: REGION, instanceIds: [id] })).instances[0].hostId;

  it('keeps Availability members on distinct hosts and explains when it cannot', async () => {
    const created = await ecs.createDeploymentSet(new $Ecs.CreateDeploymentSetRequest({ regionId: REGION, deploymentSetName: 'web', strategy: 'Availability' }));
    const deploymentSetId = created.body!.deploymentSetId!;
    expect(deploymentSetId).toMatch(/^ds-/);
    const run = () => ecs.runInstances(new $Ecs.RunInstancesRequest({ regionId: REGION, zoneId: ZONE, instanceType: 'ecs.c7.large', imageId: IMAGE, deploymentSetId }));
    const first = (await run()).body!.instanceIdSets!.instanceIdSet![0];
    const second = (await run()).body!.instanceIdSets!.instanceIdSet![0];
    expect(await hostOf(first)).not.toBe(await hostOf(second));
    const refusal = await errorOf(run());
    expect(refusal.code).toBe('OperationDenied.NoStock');
    expect(refusal.message).toMatch(/DeploymentSetSpreadFilter removed 2/);

    const described = await ecs.describeDeploymentSets(new $Ecs.DescribeDeploymentSetsRequest({ regionId: REGION, deploymentSetIds: JSON.stringify([deploymentSetId]) }));
    const set = described.body!.deploymentSets!.deploymentSet![0];
    expect(set).toMatchObject({ deploymentSetId, deploymentSetName: 'web', deploymentStrategy: 'Availability', instanceAmount: 2 });
    expect([...set.instanceIds!.instanceId!].sort()).toEqual([first, second].sort());

    expect(await errorCodeOf(ecs.deleteDeploymentSet(new $Ecs.DeleteDeploymentSetRequest({ regionId: REGION, deploymentSetId })))).toBe('DependencyViolation.NotEmpty');
    for (const id of [first, second]) await ecs.deleteInstance(new $Ecs.DeleteInstanceRequest({ instanceId: id, force: true }));
    await ecs.deleteDeploymentSet(new $Ecs.DeleteDeploymentSetRequest({ regionId: REGION, deploymentSetId }));
    expect(await errorCodeOf(ecs.deleteDeploymentSet(new $Ecs.DeleteDeploymentSetRequest({ regionId: REGION, deploymentSetId })))).toBe('InvalidDeploymentSetId.NotFound');
    expect(await errorCodeOf(ecs.runInstances(new $Ecs.RunInstancesRequest({ regionId: REGION, zoneId: ZONE, instanceType: 'ecs.c7.large', imageId: IMAGE, deploymentSetId: 'ds-nosuchset0000000000' })))).toBe('InvalidDeploymentSetId.NotFound');
  });

  it('resizes a Stopped instance in place, or moves it to a host that fits', async () => {
    const zone = 'cn-hangzhou-i';
    const launch = async (instanceType: string) => (await ecs.runInstances(new $Ecs.RunInstancesRequest({ regionId: REGION, zoneId: zone, instanceType, imageId: IMAGE }))).body!.instanceIdSets!.instanceIdSet![0];
    const small = await launch('ecs.g7.large');
    const neighbour = await launch('ecs.g7.xlarge');
    expect(await hostOf(neighbour)).toBe(await hostOf(small));
    await eventually(() => statusOf(small), (i) => i?.status === 'Running', 10_000, 'Running');

    const resize = (instanceType: string) => ecs.modifyInstanceSpec(new $Ecs.ModifyInstanceSpecRequest({ instanceId: small, instanceType }));
    expect(await errorCodeOf(resize('ecs.g7.xlarge'))).toBe('IncorrectInstanceStatus');
    await ecs.stopInstance(new $Ecs.StopInstanceRequest({ instanceId: small }));
    await eventually(() => statusOf(small), (i) => i?.status === 'Stopped', 10_000, 'Stopped');
    expect(await errorCodeOf(resize('ecs.g7.large'))).toBe('InvalidInstanceType.ValueUnchanged');

    // 2 vCPU → 4 vCPU still fits beside its 4-vCPU neighbour on an 8-vCPU host: in place.
    const originalHost = await hostOf(small);
    await resize('ecs.c7.xlarge');
    expect(await hostOf(small)).toBe(originalHost);
    expect(await statusOf(small)).toMatchObject({ instanceType: 'ecs.c7.xlarge', cpu: 4, memory: 8192 });

    // 8 vCPU cannot share with the neighbour: the claim moves to the zone's other host, atomically.
    await resize('ecs.g7.2xlarge');
    const newHost = await hostOf(small);
    expect(newHost).not.toBe(originalHost);
    expect(await statusOf(small)).toMatchObject({ instanceType: 'ecs.g7.2xlarge', cpu: 8, memory: 32768, status: 'Stopped' });
    const target = platform.fleet.hosts.find((h) => h.registration.hostId === newHost)!;
    await eventually(() => target.driver.listDomains(), (domains) => domains.some((d) => d.instanceId === small), 10_000, 'domain defined on the new host');
    const { LedgerRepository } = await import('@ecs/persistence');
    const hosts = await new LedgerRepository(platform.db).hosts(zone);
    expect(hosts.find((h) => h.hostId === originalHost)!.usedVcpus).toBe(4);
    expect(hosts.find((h) => h.hostId === newHost)!.usedVcpus).toBe(8);

    await ecs.startInstance(new $Ecs.StartInstanceRequest({ instanceId: small }));
    await eventually(() => statusOf(small), (i) => i?.status === 'Running', 10_000, 'Running after the move');

    // Fill the neighbour's host; then no host of the zone can take the neighbour at 8 vCPU: refused, and nothing changes.
    await launch('ecs.g7.xlarge');
    await ecs.stopInstance(new $Ecs.StopInstanceRequest({ instanceId: neighbour, forceStop: true }));
    await eventually(() => statusOf(neighbour), (i) => i?.status === 'Stopped', 10_000, 'neighbour Stopped');
    const refusal = await errorOf(ecs.modifyInstanceSpec(new $Ecs.ModifyInstanceSpecRequest({ instanceId: neighbour, instanceType: 'ecs.g7.2xlarge' })));
    expect(refusal.code).toBe('OperationDenied.NoStock');
    expect(refusal.message).toMatch(/CpuCapacityFilter removed 2|MemoryCapacityFilter removed 2/);
    expect(await statusOf(neighbour)).toMatchObject({ instanceType: 'ecs.g7.xlarge', cpu: 4 });
    const after = await new LedgerRepository(platform.db).hosts(zone);
    expect(after.find((h) => h.hostId === originalHost)!.usedVcpus).toBe(8);
  });
});
