import { apiCall } from '../testing/api-call';
import { OTHER_ACCOUNT } from '../testing/catalog-fixture';
import { FakeControl, instanceView } from '../testing/fake-control';
import { testDeps } from '../testing/test-deps';
import { DescribeInstancesHandler } from './describe-instances.handler';

function fixture() {
  const control = new FakeControl([
    instanceView({ instanceId: 'i-web', deploymentSetId: 'ds-1' }),
    instanceView({
      instanceId: 'i-db',
      instanceName: 'db',
      status: 'Stopped',
      zoneId: 'cn-test-1b',
      imageId: 'm-gone',
      osName: undefined,
      osType: undefined,
      startTime: undefined,
      stoppedMode: 'StopCharging',
      tags: [],
    }),
    instanceView({ instanceId: 'i-other', accountId: OTHER_ACCOUNT }),
  ]);
  return { control, handler: new DescribeInstancesHandler(testDeps(control)) };
}

describe('DescribeInstances', () => {
  it('shapes each instance as Instances.Instance with ECS names, nesting and types', async () => {
    const { handler } = fixture();
    const result = await handler.handle(apiCall('DescribeInstances', { InstanceIds: '["i-web"]' }));
    expect(result).toEqual({
      Instances: {
        Instance: [
          {
            InstanceId: 'i-web',
            InstanceName: 'web-1',
            HostName: 'web-1',
            Description: 'a web server',
            RegionId: 'cn-test-1',
            ZoneId: 'cn-test-1a',
            InstanceType: 'ecs.g7.large',
            InstanceTypeFamily: 'ecs.g7',
            Cpu: 2,
            Memory: 8192,
            ImageId: 'm-ubuntu',
            OSName: 'Ubuntu 22.04 64 bit',
            OSType: 'linux',
            Status: 'Running',
            CreationTime: '2017-12-10T04:04Z',
            StartTime: '2017-12-10T04:05Z',
            StoppedMode: 'Not-applicable',
            DeploymentSetId: 'ds-1',
            InstanceChargeType: 'PostPaid',
            InstanceNetworkType: 'vpc',
            VpcAttributes: { VpcId: 'vpc-default', VSwitchId: 'vsw-default', PrivateIpAddress: { IpAddress: ['192.168.0.10'] } },
            SecurityGroupIds: { SecurityGroupId: ['sg-default'] },
            Tags: { Tag: [{ TagKey: 'env', TagValue: 'prod' }] },
            NetworkInterfaces: {
              NetworkInterface: [
                {
                  Type: 'Primary',
                  MacAddress: '00:16:3e:00:00:01',
                  PrimaryIpAddress: '192.168.0.10',
                  PrivateIpSets: { PrivateIpSet: [{ PrivateIpAddress: '192.168.0.10', Primary: true }] },
                },
              ],
            },
            OperationLocks: { LockReason: [] },
            PublicIpAddress: { IpAddress: [] },
            InnerIpAddress: { IpAddress: [] },
          },
        ],
      },
      TotalCount: 1,
      PageNumber: 1,
      PageSize: 10,
    });
  });

  it('omits what it does not know: start time of a never-started instance, OS of an instance launched before OS fields were recorded', async () => {
    const { handler } = fixture();
    const result = (await handler.handle(apiCall('DescribeInstances', { InstanceIds: '["i-db"]' }))) as { Instances: { Instance: Array<Record<string, unknown>> } };
    const instance = result.Instances.Instance[0];
    expect(instance).not.toHaveProperty('StartTime');
    expect(instance).not.toHaveProperty('OSName');
    expect(instance).not.toHaveProperty('DeploymentSetId');
    expect(instance).toMatchObject({ StoppedMode: 'StopCharging', Tags: { Tag: [] } });
  });

  it("passes every filter to control for the caller's account in this region", async () => {
    const { control, handler } = fixture();
    await handler.handle(
      apiCall('DescribeInstances', {
        InstanceIds: '["i-web","i-db"]',
        ZoneId: 'cn-test-1a',
        Status: 'Running',
        InstanceType: 'ecs.g7.large',
        InstanceName: 'web*',
        'Tag.1.Key': 'env',
        'Tag.1.Value': 'prod',
        PageNumber: '2',
        PageSize: '100',
      }),
    );
    expect(control.queries).toEqual([
      {
        accountId: '1234567890',
        regionId: 'cn-test-1',
        instanceIds: ['i-web', 'i-db'],
        zoneId: 'cn-test-1a',
        status: 'Running',
        instanceType: 'ecs.g7.large',
        instanceName: 'web*',
        tags: [{ key: 'env', value: 'prod' }],
        pageNumber: 2,
        pageSize: 100,
      },
    ]);
  });

  it("never shows another tenant's instances", async () => {
    const { handler } = fixture();
    const result = await handler.handle(apiCall('DescribeInstances', { InstanceIds: '["i-other"]' }));
    expect(result).toMatchObject({ Instances: { Instance: [] }, TotalCount: 0 });
  });

  it('pages by NextToken/MaxResults, answering NextToken until the last page', async () => {
    const { control, handler } = fixture();
    const first = await handler.handle(apiCall('DescribeInstances', { MaxResults: '1' }));
    expect(first).toEqual({ Instances: { Instance: [expect.objectContaining({ InstanceId: 'i-web' })] }, TotalCount: 2, NextToken: '1' });
    const last = await handler.handle(apiCall('DescribeInstances', { MaxResults: '1', NextToken: '1' }));
    expect(last).toEqual({ Instances: { Instance: [expect.objectContaining({ InstanceId: 'i-db' })] }, TotalCount: 2, NextToken: '' });
    await handler.handle(apiCall('DescribeInstances', { NextToken: '1', PageNumber: '3' }));
    expect(control.queries[2]).toEqual({ accountId: '1234567890', regionId: 'cn-test-1', nextToken: '1', maxResults: 10 });
  });

  it.each([
    [{ InstanceIds: 'i-web' }],
    [{ InstanceIds: JSON.stringify(Array.from({ length: 101 }, (_, i) => `i-${i}`)) }],
    [{ Status: 'Deleted' }],
    [{ PageSize: '101' }],
    [{ PageNumber: '0' }],
    [{ MaxResults: '0' }],
    [{ 'Tag.21.Key': 'k' }],
  ])('rejects %j as InvalidParameter', async (params) => {
    const { handler } = fixture();
    await expect(handler.handle(apiCall('DescribeInstances', params))).rejects.toMatchObject({ code: 'InvalidParameter' });
  });
});
