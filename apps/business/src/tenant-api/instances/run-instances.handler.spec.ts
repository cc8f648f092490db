import fc from 'fast-check';
import { apiCall } from '../testing/api-call';
import { ACCOUNT, OTHER_ACCOUNT } from '../testing/catalog-fixture';
import { testDeps } from '../testing/test-deps';
import { RunInstancesHandler } from './run-instances.handler';

const BASE = { RegionId: 'cn-test-1', ZoneId: 'cn-test-1a', InstanceType: 'ecs.g7.large', ImageId: 'm-ubuntu' };

function run(params: Record<string, string>, accountId = ACCOUNT) {
  const deps = testDeps();
  const result = new RunInstancesHandler(deps).handle(apiCall('RunInstances', params, accountId));
  return { deps, result };
}

async function hashOf(params: Record<string, string>): Promise<string> {
  const { deps, result } = run(params);
  await result;
  return deps.control.launches[0].requestHash;
}

describe('RunInstances', () => {
  it('hands control a fully validated launch and answers InstanceIdSets.InstanceIdSet', async () => {
    const { deps, result } = run({
      ...BASE,
      Amount: '2',
      MinAmount: '1',
      InstanceName: 'web-01',
      HostName: 'web-01',
      Description: 'front end',
      UserData: Buffer.from('#!/bin/sh\necho hi\n').toString('base64'),
      'Tag.1.Key': 'env',
      'Tag.1.Value': 'prod',
      VSwitchId: 'vsw-abc123',
      'SecurityGroupIds.1': 'sg-one',
      'SecurityGroupIds.2': 'sg-two',
      'SystemDisk.Size': '80',
      DeploymentSetId: 'ds-abc',
      ClientToken: 'token-1',
      DryRun: 'true',
    });
    expect(await result).toEqual({ InstanceIdSets: { InstanceIdSet: ['i-launched1', 'i-launched2'] } });
    expect(deps.control.launches).toEqual([
      {
        accountId: ACCOUNT,
        regionId: 'cn-test-1',
        zoneId: 'cn-test-1a',
        saleZoneIds: ['cn-test-1a'],
        instanceType: 'ecs.g7.large',
        imageId: 'm-ubuntu',
        osName: 'Ubuntu 22.04 64 bit',
        osType: 'linux',
        amount: 2,
        minAmount: 1,
        instanceName: 'web-01',
        hostName: 'web-01',
        description: 'front end',
        userData: Buffer.from('#!/bin/sh\necho hi\n').toString('base64'),
        tags: [{ key: 'env', value: 'prod' }],
        vSwitchId: 'vsw-abc123',
        securityGroupIds: ['sg-one', 'sg-two'],
        deploymentSetId: 'ds-abc',
        systemDiskSizeGiB: 80,
        powerOn: true,
        operation: 'RunInstances',
        clientToken: 'token-1',
        requestHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        dryRun: true,
      },
    ]);
  });

  it('fills ECS defaults: one instance, MinAmount = Amount, a 40 GiB disk or the image size if larger', async () => {
    const small = run(BASE);
    await small.result;
    expect(small.deps.control.launches[0]).toMatchObject({ amount: 1, minAmount: 1, systemDiskSizeGiB: 40, tags: [], securityGroupIds: [], dryRun: false, clientToken: undefined });
    const big = run({ ...BASE, ImageId: 'm-big', Amount: '3' });
    await big.result;
    expect(big.deps.control.launches[0]).toMatchObject({ amount: 3, minAmount: 3, systemDiskSizeGiB: 60 });
  });

  it('lets the scheduler pick the zone when none is given, if the type is on sale somewhere', async () => {
    const { deps, result } = run({ InstanceType: 'ecs.g7.large', ImageId: 'm-own' });
    await result;
    expect(deps.control.launches[0]).toMatchObject({ zoneId: undefined, imageId: 'm-own' });
  });

  it('accepts a single SecurityGroupId', async () => {
    const { deps, result } = run({ ...BASE, SecurityGroupId: 'sg-one' });
    await result;
    expect(deps.control.launches[0].securityGroupIds).toEqual(['sg-one']);
  });

  it.each([
    [{ InstanceType: undefined }, 'MissingParameter'],
    [{ ImageId: '' }, 'MissingParameter'],
    [{ Amount: '0' }, 'InvalidParameter'],
    [{ Amount: '101' }, 'InvalidParameter'],
    [{ Amount: '2', MinAmount: '3' }, 'InvalidParameter'],
    [{ InstanceName: '1web' }, 'InvalidInstanceName.Malformed'],
    [{ HostName: '-web' }, 'InvalidHostName.Malformed'],
    [{ Description: 'https://spam' }, 'InvalidDescription.Malformed'],
    [{ UserData: 'not base64!' }, 'InvalidUserData.Base64FormatInvalid'],
    [{ UserData: 'A'.repeat(32 * 1024 + 4) }, 'InvalidUserData.SizeExceeded'],
    [{ 'Tag.1.Key': 'acs:reserved' }, 'InvalidParameter'],
    [{ 'Tag.1.Value': 'orphan' }, 'MissingParameter'],
    [{ VSwitchId: 'vpc-123' }, 'InvalidParameter'],
    [{ SecurityGroupId: 'sg-a', 'SecurityGroupIds.1': 'sg-b' }, 'InvalidParameter'],
    [{ 'SecurityGroupIds.1': 'group-b' }, 'InvalidParameter'],
    [{ 'SystemDisk.Size': '19' }, 'InvalidParameter'],
    [{ DeploymentSetId: 'set-1' }, 'InvalidParameter'],
    [{ ClientToken: 'x'.repeat(65) }, 'InvalidParameter'],
    [{ DryRun: 'yes' }, 'InvalidParameter'],
  ])('rejects %j with %s before reaching control', async (override, code) => {
    const params = Object.fromEntries(Object.entries({ ...BASE, ...override }).filter((entry): entry is [string, string] => entry[1] !== undefined));
    const { deps, result } = run(params);
    await expect(result).rejects.toMatchObject({ code });
    expect(deps.control.launches).toEqual([]);
  });

  it.each([
    [{ ZoneId: 'cn-nowhere-1a' }, 'InvalidZoneId.NotFound'],
    [{ ZoneId: 'cn-test-2a' }, 'InvalidZoneId.NotFound'],
    [{ InstanceType: 'ecs.nope.large' }, 'InvalidInstanceType.NotFound'],
    [{ ZoneId: 'cn-test-1c' }, 'Zone.NotOnSale'],
    [{ ZoneId: 'cn-test-1a', InstanceType: 'ecs.c7.large' }, 'InvalidInstanceType.NotSupported'],
    [{ ZoneId: undefined, InstanceType: 'ecs.t5.small' }, 'InvalidInstanceType.NotSupported'],
    [{ ImageId: 'm-foreign' }, 'InvalidImageId.NotFound'],
    [{ ImageId: 'm-creating' }, 'InvalidImageId.NotFound'],
    [{ ImageId: 'm-elsewhere' }, 'InvalidImageId.NotFound'],
    [{ ImageId: 'm-big', 'SystemDisk.Size': '50' }, 'InvalidParameter'],
  ])('checks %j against the catalog: %s', async (override, code) => {
    const params = Object.fromEntries(Object.entries({ ...BASE, ...override }).filter((entry): entry is [string, string] => entry[1] !== undefined));
    const { deps, result } = run(params);
    await expect(result).rejects.toMatchObject({ code });
    expect(deps.control.launches).toEqual([]);
  });

  it("lets a tenant launch from its own image but not from another tenant's", async () => {
    await expect(run({ ...BASE, ImageId: 'm-own' }).result).resolves.toBeDefined();
    await expect(run({ ...BASE, ImageId: 'm-own' }, OTHER_ACCOUNT).result).rejects.toMatchObject({ code: 'InvalidImageId.NotFound' });
  });

  describe('requestHash for ClientToken idempotency', () => {
    it('ignores ClientToken, DryRun, tag order and spelt-out defaults', async () => {
      const reference = await hashOf({ ...BASE, 'Tag.1.Key': 'a', 'Tag.2.Key': 'b', 'Tag.2.Value': 'x' });
      expect(await hashOf({ ...BASE, 'Tag.1.Key': 'b', 'Tag.1.Value': 'x', 'Tag.2.Key': 'a', ClientToken: 't', DryRun: 'true', Amount: '1', 'SystemDisk.Size': '40' })).toBe(reference);
    });

    it('changes with any launch parameter', async () => {
      const variants: Array<Record<string, string>> = [
        { Amount: '2' },
        { InstanceType: 'ecs.g7.xlarge' },
        { ImageId: 'm-big' },
        { InstanceName: 'web-02' },
        { HostName: 'web-02' },
        { Description: 'other' },
        { UserData: 'YWJj' },
        { 'Tag.1.Key': 'env' },
        { VSwitchId: 'vsw-b' },
        { SecurityGroupId: 'sg-b' },
        { 'SystemDisk.Size': '41' },
        { DeploymentSetId: 'ds-b' },
        { ZoneId: '' },
      ];
      const hashes = await Promise.all([hashOf(BASE), ...variants.map((variant) => hashOf({ ...BASE, ...variant }))]);
      expect(new Set(hashes).size).toBe(hashes.length);
    });

    it('is stable for any client token and dry-run flag', async () => {
      const reference = await hashOf(BASE);
      await fc.assert(
        fc.asyncProperty(fc.stringMatching(/^[a-zA-Z0-9-]{1,64}$/), fc.boolean(), async (token, dryRun) => {
          expect(await hashOf({ ...BASE, ClientToken: token, DryRun: String(dryRun) })).toBe(reference);
        }),
        { numRuns: 30 },
      );
    });
  });
});
