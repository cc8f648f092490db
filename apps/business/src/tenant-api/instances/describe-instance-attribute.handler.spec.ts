import { apiCall } from '../testing/api-call';
import { OTHER_ACCOUNT } from '../testing/catalog-fixture';
import { FakeControl, instanceView } from '../testing/fake-control';
import { testDeps } from '../testing/test-deps';
import { DescribeInstanceAttributeHandler } from './describe-instance-attribute.handler';

function handler() {
  const control = new FakeControl([
    instanceView({ instanceId: 'i-1', status: 'Stopped', stoppedMode: 'KeepCharging', securityGroupIds: ['sg-a', 'sg-b'] }),
    instanceView({ instanceId: 'i-foreign', accountId: OTHER_ACCOUNT }),
  ]);
  return new DescribeInstanceAttributeHandler(testDeps(control));
}

describe('DescribeInstanceAttribute', () => {
  it('answers the instance at the top level of the body', async () => {
    expect(await handler().handle(apiCall('DescribeInstanceAttribute', { InstanceId: 'i-1' }))).toEqual({
      InstanceId: 'i-1',
      InstanceName: 'web-1',
      HostName: 'web-1',
      Description: 'a web server',
      RegionId: 'cn-test-1',
      ZoneId: 'cn-test-1a',
      InstanceType: 'ecs.g7.large',
      Cpu: 2,
      Memory: 8192,
      ImageId: 'm-ubuntu',
      Status: 'Stopped',
      CreationTime: '2017-12-10T04:04Z',
      StoppedMode: 'KeepCharging',
      InstanceChargeType: 'PostPaid',
      InstanceNetworkType: 'vpc',
      VpcAttributes: { VpcId: 'vpc-default', VSwitchId: 'vsw-default', PrivateIpAddress: { IpAddress: ['192.168.0.10'] } },
      SecurityGroupIds: { SecurityGroupId: ['sg-a', 'sg-b'] },
      OperationLocks: { LockReason: [] },
      PublicIpAddress: { IpAddress: [] },
      InnerIpAddress: { IpAddress: [] },
    });
  });

  it("reports unknown and other tenants' instances alike as not found", async () => {
    await expect(handler().handle(apiCall('DescribeInstanceAttribute', { InstanceId: 'i-nope' }))).rejects.toMatchObject({ code: 'InvalidInstanceId.NotFound' });
    await expect(handler().handle(apiCall('DescribeInstanceAttribute', { InstanceId: 'i-foreign' }))).rejects.toMatchObject({ code: 'InvalidInstanceId.NotFound' });
    await expect(handler().handle(apiCall('DescribeInstanceAttribute'))).rejects.toMatchObject({ code: 'MissingParameter' });
  });
});
