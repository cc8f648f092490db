import type Ecs from '@alicloud/ecs20140526';
import { $Ecs, ecsClient, errorCodeOf } from '../support/sdk-clients';
import { startTestPlatform, type TestPlatform } from '../support/platform-harness';

const REGION = 'cn-hangzhou';
const IMAGE = 'aliyun_3_x64_20G_alibase_20241103.vhd';

describe('ClientToken and DryRun (all-in-one)', () => {
  let platform: TestPlatform;
  let ecs: Ecs;

  beforeAll(async () => {
    platform = await startTestPlatform();
    ecs = ecsClient(platform.gatewayUrl, platform.credentials);
  });
  afterAll(async () => platform.dispose());

  const run = (fields: Partial<$Ecs.RunInstancesRequest>) =>
    ecs.runInstances(new $Ecs.RunInstancesRequest({ regionId: REGION, zoneId: 'cn-hangzhou-h', instanceType: 'ecs.g7.large', imageId: IMAGE, ...fields }));

  async function count(): Promise<number> {
    const { body } = await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, pageSize: 100 }));
    return body!.totalCount!;
  }

  it('answers a sequential replay with the first call’s instances and creates nothing new', async () => {
    const before = await count();
    const first = await run({ clientToken: 'token-sequential-1', amount: 2 });
    const again = await run({ clientToken: 'token-sequential-1', amount: 2 });
    expect(again.body!.instanceIdSets!.instanceIdSet).toEqual(first.body!.instanceIdSets!.instanceIdSet);
    expect(await count()).toBe(before + 2);
  });

  it('creates once for concurrent calls with one token', async () => {
    const before = await count();
    const answers = await Promise.all(Array.from({ length: 8 }, () => run({ clientToken: 'token-concurrent-1' })));
    const sets = new Set(answers.map((a) => JSON.stringify(a.body!.instanceIdSets!.instanceIdSet)));
    expect(sets.size).toBe(1);
    expect(await count()).toBe(before + 1);
  });

  it('refuses the same token with other parameters', async () => {
    await run({ clientToken: 'token-mismatch-1', instanceName: 'one' });
    expect(await errorCodeOf(run({ clientToken: 'token-mismatch-1', instanceName: 'two' }))).toBe('IdempotentParameterMismatch');
  });

  it('validates a DryRun without creating anything', async () => {
    const before = await count();
    expect(await errorCodeOf(run({ dryRun: true }))).toBe('DryRunOperation');
    expect(await errorCodeOf(run({ dryRun: true, instanceType: 'ecs.nosuch.large' }))).toBe('InvalidInstanceType.NotFound');
    expect(await count()).toBe(before);
    const { body } = await run({});
    const id = body!.instanceIdSets!.instanceIdSet![0];
    expect(await errorCodeOf(ecs.stopInstances(new $Ecs.StopInstancesRequest({ regionId: REGION, instanceId: [id], dryRun: true })))).toMatch(/DryRunOperation|IncorrectInstanceStatus/);
  });

  it('never answers bad input with a 5xx', async () => {
    expect(await errorCodeOf(run({ amount: 101 }))).toBe('InvalidParameter');
    expect(await errorCodeOf(run({ imageId: undefined }))).toBe('MissingParameter');
    expect(await errorCodeOf(run({ userData: '***not base64***' }))).toMatch(/InvalidUserData/);
    expect(await errorCodeOf(ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, nextToken: 'garbage' })))).toBe('InvalidParameter');
    expect(await errorCodeOf(ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: 'xx-nowhere-1' })))).toBe('InvalidRegionId.NotFound');
  });
});
