import type Ecs from '@alicloud/ecs20140526';
import { QuotaRepository } from '@ecs/persistence';
import { $Ecs, ecsClient, errorOf } from '../support/sdk-clients';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform-harness';

const REGION = 'cn-hangzhou';
const IMAGE = 'aliyun_3_x64_20G_alibase_20241103.vhd';

describe('tenant quotas, enforced in the claim transaction (all-in-one)', () => {
  let platform: TestPlatform;
  let quotas: QuotaRepository;

  beforeAll(async () => {
    platform = await startTestPlatform({ ECS_SIM_HOSTS: '4' });
    quotas = new QuotaRepository(platform.db, platform.config.quotaDefaults);
  });
  afterAll(async () => platform.dispose());

  async function tenant(name: string, maxVcpus: number, maxInstances: number): Promise<Ecs> {
    const created = await platform.accounts.createAccount(name);
    await quotas.set({ accountId: created.AccountId, regionId: REGION, maxVcpus, maxInstances });
    return ecsClient(platform.gatewayUrl, { accessKeyId: created.AccessKeyId, accessKeySecret: created.AccessKeySecret });
  }

  const run = (ecs: Ecs, fields: Partial<$Ecs.RunInstancesRequest> = {}) =>
    ecs.runInstances(new $Ecs.RunInstancesRequest({ regionId: REGION, zoneId: 'cn-hangzhou-h', instanceType: 'ecs.g7.large', imageId: IMAGE, ...fields }));
  const count = async (ecs: Ecs) => (await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, pageSize: 100 }))).body!.totalCount!;

  it('refuses what would pass the vCPU quota, saying how much is used', async () => {
    const ecs = await tenant('quota-cpu', 6, 100);
    await run(ecs, { amount: 3 });
    const refusal = await errorOf(run(ecs));
    expect(refusal.code).toBe('QuotaExceed.Cpu');
    expect(refusal.message).toMatch(/vCPU quota of 6 .* 6 in use, 2 more requested/);
    expect(await errorOf(run(ecs, { dryRun: true }))).toMatchObject({ code: 'QuotaExceed.Cpu' });
  });

  it('never lets concurrent launches of one tenant pass the instance quota', async () => {
    const ecs = await tenant('quota-race', 1000, 5);
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => run(ecs)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(5);
    for (const o of outcomes) if (o.status === 'rejected') expect((o.reason as { code: string }).code).toBe('QuotaExceed.Instance');
    expect(await count(ecs)).toBe(5);
  });

  it('creates at least MinAmount when the quota allows fewer than Amount, and frees quota when instances go', async () => {
    const ecs = await tenant('quota-min', 100, 3);
    const partial = await run(ecs, { amount: 5, minAmount: 2 });
    expect(partial.body!.instanceIdSets!.instanceIdSet).toHaveLength(3);
    expect((await errorOf(run(ecs, { amount: 2, minAmount: 2 }))).code).toBe('QuotaExceed.Instance');
    const [first] = partial.body!.instanceIdSets!.instanceIdSet!;
    await ecs.deleteInstance(new $Ecs.DeleteInstanceRequest({ instanceId: first, force: true }));
    // Usage is read from the ledger: once the host confirms the domain is gone, the quota is free again.
    await eventually(async () => (await run(ecs).then(() => 'ok', (e: { code: string }) => e.code)), (r) => r === 'ok', 10_000, 'quota freed');
  });
});
