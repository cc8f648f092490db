import type Ecs from '@alicloud/ecs20140526';
import { $Ecs, ecsClient } from '../support/sdk-clients';
import { startTestPlatform, type TestPlatform } from '../support/platform-harness';

const REGION = 'cn-hangzhou';
const ZONE = 'cn-hangzhou-h';
const IMAGE = 'aliyun_3_x64_20G_alibase_20241103.vhd';

describe('competing for the last free slots (all-in-one)', () => {
  let platform: TestPlatform;
  let ecs: Ecs;

  beforeAll(async () => {
    // Two hosts, one per zone; 8 vCPU / 32 GiB each: four ecs.g7.large per host.
    platform = await startTestPlatform({ ECS_SIM_HOSTS: '2', ECS_SIM_HOST_VCPUS: '8', ECS_SIM_HOST_MEMORY_GIB: '32' });
    ecs = ecsClient(platform.gatewayUrl, platform.credentials);
  });
  afterAll(async () => platform.dispose());

  const runOne = () => ecs.runInstances(new $Ecs.RunInstancesRequest({ regionId: REGION, zoneId: ZONE, instanceType: 'ecs.g7.large', imageId: IMAGE }));

  it('places exactly K of 50 concurrent requests and explains every refusal', async () => {
    await runOne();
    const freeSlots = 3;
    const outcomes = await Promise.allSettled(Array.from({ length: 50 }, runOne));
    const placed = outcomes.filter((o) => o.status === 'fulfilled');
    expect(placed).toHaveLength(freeSlots);

    const refusals = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => o.reason as { code: string; message: string });
    expect(refusals).toHaveLength(50 - freeSlots);
    for (const refusal of refusals) {
      expect(refusal.code).toBe('OperationDenied.NoStock');
      expect(refusal.message).toMatch(/ZoneFilter removed 1/);
      expect(refusal.message).toMatch(/CpuCapacityFilter removed 1|MemoryCapacityFilter removed 1/);
    }

    const hosts = await platform.control.api.stock(REGION);
    expect(hosts.find((s) => s.zoneId === ZONE && s.instanceTypeId === 'ecs.g7.large')!.availableCount).toBe(0);
    const { LedgerRepository } = await import('@ecs/persistence');
    for (const host of await new LedgerRepository(platform.db).hosts()) {
      expect(host.usedVcpus).toBeLessThanOrEqual(host.vcpus);
      expect(host.usedMemoryMiB).toBeLessThanOrEqual(host.memoryMiB);
    }
  });

  it('shows the same stock through DescribeAvailableResource', async () => {
    const { body } = await ecs.describeAvailableResource(new $Ecs.DescribeAvailableResourceRequest({ regionId: REGION, destinationResource: 'InstanceType', instanceType: 'ecs.g7.large' }));
    const zones = body!.availableZones!.availableZone!;
    const full = zones.find((z) => z.zoneId === ZONE)!;
    const other = zones.find((z) => z.zoneId !== ZONE)!;
    const supported = (z: typeof full) => z.availableResources!.availableResource![0].supportedResources!.supportedResource![0];
    expect(supported(full).statusCategory).toBe('WithoutStock');
    expect(supported(other).statusCategory).toBe('WithStock');
  });
});
