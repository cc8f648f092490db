import type Ecs from '@alicloud/ecs20140526';
import { SaleSpecEntity } from '@ecs/persistence';
import { $Ecs, ecsClient, errorCodeOf } from '../support/sdk-clients';
import { startTestPlatform, type TestPlatform } from '../support/platform-harness';

const REGION = 'cn-hangzhou';
const IMAGE = 'aliyun_3_x64_20G_alibase_20241103.vhd';

describe('a type closed in a zone is never placed there (all-in-one)', () => {
  let platform: TestPlatform;
  let ecs: Ecs;

  beforeAll(async () => {
    platform = await startTestPlatform();
    ecs = ecsClient(platform.gatewayUrl, platform.credentials);
    // What an operator's "close" does to the sales catalog.
    await platform.db.transaction((m) => m.update(SaleSpecEntity, { zoneId: 'cn-hangzhou-h', instanceTypeId: 'ecs.g7.large' }, { onSale: false }));
  });
  afterAll(async () => platform.dispose());

  it('refuses the closed zone by name, and places zone-less launches only where the type is on sale', async () => {
    const closed = ecs.runInstances(new $Ecs.RunInstancesRequest({ regionId: REGION, zoneId: 'cn-hangzhou-h', instanceType: 'ecs.g7.large', imageId: IMAGE }));
    expect(await errorCodeOf(closed)).toBe('InvalidInstanceType.NotSupported');
    const { body } = await ecs.runInstances(new $Ecs.RunInstancesRequest({ regionId: REGION, instanceType: 'ecs.g7.large', imageId: IMAGE, amount: 6 }));
    const ids = body!.instanceIdSets!.instanceIdSet!;
    const described = await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify(ids) }));
    expect(new Set(described.body!.instances!.instance!.map((i) => i.zoneId))).toEqual(new Set(['cn-hangzhou-i']));
  });
});
