import { CreateDeploymentSetResponseBody } from '@alicloud/ecs20140526/dist/models/CreateDeploymentSetResponseBody';
import { CreateInstanceResponseBody } from '@alicloud/ecs20140526/dist/models/CreateInstanceResponseBody';
import { DescribeDeploymentSetsResponseBody } from '@alicloud/ecs20140526/dist/models/DescribeDeploymentSetsResponseBody';
import { DescribeAvailableResourceResponseBody } from '@alicloud/ecs20140526/dist/models/DescribeAvailableResourceResponseBody';
import { DescribeImagesResponseBody } from '@alicloud/ecs20140526/dist/models/DescribeImagesResponseBody';
import { DescribeInstanceAttributeResponseBody } from '@alicloud/ecs20140526/dist/models/DescribeInstanceAttributeResponseBody';
import { DescribeInstanceStatusResponseBody } from '@alicloud/ecs20140526/dist/models/DescribeInstanceStatusResponseBody';
import { DescribeInstancesResponseBody } from '@alicloud/ecs20140526/dist/models/DescribeInstancesResponseBody';
import { DescribeInstanceTypeFamiliesResponseBody } from '@alicloud/ecs20140526/dist/models/DescribeInstanceTypeFamiliesResponseBody';
import { DescribeInstanceTypesResponseBody } from '@alicloud/ecs20140526/dist/models/DescribeInstanceTypesResponseBody';
import { DescribeRegionsResponseBody } from '@alicloud/ecs20140526/dist/models/DescribeRegionsResponseBody';
import { DescribeZonesResponseBody } from '@alicloud/ecs20140526/dist/models/DescribeZonesResponseBody';
import { RebootInstancesResponseBody } from '@alicloud/ecs20140526/dist/models/RebootInstancesResponseBody';
import { RunInstancesResponseBody } from '@alicloud/ecs20140526/dist/models/RunInstancesResponseBody';
import { StartInstancesResponseBody } from '@alicloud/ecs20140526/dist/models/StartInstancesResponseBody';
import { StopInstancesResponseBody } from '@alicloud/ecs20140526/dist/models/StopInstancesResponseBody';
import { apiCall } from './testing/api-call';
import { FakeControl, instanceView } from './testing/fake-control';
import { sdkModelViolations, type SdkModel } from './testing/sdk-model';
import { testDeps } from './testing/test-deps';
import { TenantApiDispatcher } from './tenant-api-dispatcher';

/**
 * Every response, with every optional part present, checked key by key and type by type against the
 * official SDK's models: what an SDK client reads is exactly what we send.
 */
function dispatcher() {
  const control = new FakeControl(
    [
      instanceView({ instanceId: 'i-running', deploymentSetId: 'ds-1' }),
      instanceView({ instanceId: 'i-stopped', status: 'Stopped', startTime: undefined, stoppedMode: 'StopCharging' }),
    ],
    [{ zoneId: 'cn-test-1a', instanceTypeId: 'ecs.g7.large', availableCount: 2 }],
  );
  control.deploymentSets = [{ deploymentSetId: 'ds-1', name: 'web', description: 'spread web servers', strategy: 'Availability', creationTime: '2024-01-01T00:00:00.000Z', instanceIds: ['i-running'] }];
  return new TenantApiDispatcher(testDeps(control));
}

const CASES: Array<[string, Record<string, string>, SdkModel]> = [
  ['DescribeRegions', {}, DescribeRegionsResponseBody],
  ['DescribeZones', {}, DescribeZonesResponseBody],
  ['DescribeInstanceTypes', { MaxResults: '1' }, DescribeInstanceTypesResponseBody],
  ['DescribeInstanceTypeFamilies', {}, DescribeInstanceTypeFamiliesResponseBody],
  ['DescribeImages', { Status: 'Available,Creating' }, DescribeImagesResponseBody],
  ['DescribeAvailableResource', { DestinationResource: 'Zone' }, DescribeAvailableResourceResponseBody],
  ['DescribeAvailableResource', { DestinationResource: 'InstanceType' }, DescribeAvailableResourceResponseBody],
  ['RunInstances', { ZoneId: 'cn-test-1a', InstanceType: 'ecs.g7.large', ImageId: 'm-ubuntu', Amount: '2' }, RunInstancesResponseBody],
  ['CreateInstance', { ZoneId: 'cn-test-1a', InstanceType: 'ecs.g7.large', ImageId: 'm-ubuntu' }, CreateInstanceResponseBody],
  ['StartInstances', { 'InstanceId.1': 'i-stopped', 'InstanceId.2': 'i-running', BatchOptimization: 'SuccessFirst' }, StartInstancesResponseBody],
  ['StopInstances', { 'InstanceId.1': 'i-running', 'InstanceId.2': 'i-nope', BatchOptimization: 'SuccessFirst' }, StopInstancesResponseBody],
  ['RebootInstances', { 'InstanceId.1': 'i-running' }, RebootInstancesResponseBody],
  ['DescribeInstances', {}, DescribeInstancesResponseBody],
  ['DescribeInstances', { MaxResults: '1' }, DescribeInstancesResponseBody],
  ['DescribeInstanceStatus', {}, DescribeInstanceStatusResponseBody],
  ['DescribeInstanceAttribute', { InstanceId: 'i-running' }, DescribeInstanceAttributeResponseBody],
  ['CreateDeploymentSet', { DeploymentSetName: 'web', Strategy: 'Availability' }, CreateDeploymentSetResponseBody],
  ['DescribeDeploymentSets', { DeploymentSetIds: '["ds-1"]' }, DescribeDeploymentSetsResponseBody],
];

describe('responses match the official SDK models', () => {
  it.each(CASES)('%s %j', async (action, params, model) => {
    const result = await dispatcher().dispatch(apiCall(action, params));
    expect(sdkModelViolations(result, model)).toEqual([]);
  });

  it('fills every DescribeInstances instance field we have data for', async () => {
    const result = (await dispatcher().dispatch(apiCall('DescribeInstances'))) as { Instances: { Instance: Array<Record<string, unknown>> } };
    expect(Object.keys(result.Instances.Instance[0]).sort()).toEqual(
      [
        'Cpu',
        'CreationTime',
        'DeploymentSetId',
        'Description',
        'HostName',
        'ImageId',
        'InnerIpAddress',
        'InstanceChargeType',
        'InstanceId',
        'InstanceName',
        'InstanceNetworkType',
        'InstanceType',
        'InstanceTypeFamily',
        'Memory',
        'NetworkInterfaces',
        'OSName',
        'OSType',
        'OperationLocks',
        'PublicIpAddress',
        'RegionId',
        'SecurityGroupIds',
        'StartTime',
        'Status',
        'StoppedMode',
        'Tags',
        'VpcAttributes',
        'ZoneId',
      ].sort(),
    );
  });
});

describe('sdkModelViolations', () => {
  it('catches a key the model does not have, a wrong type and a wrong nesting', () => {
    const violations = sdkModelViolations(
      { Regions: { Region: [{ RegionId: 'r', Endpoint: 'e' }] }, RequestId: 7, Extra: true },
      DescribeRegionsResponseBody,
    );
    expect(violations).toEqual(['$.Regions.Region[0].Endpoint: not in the SDK model', '$.RequestId: expected string, got number', '$.Extra: not in the SDK model']);
    expect(sdkModelViolations({ Regions: [{ RegionId: 'r' }] }, DescribeRegionsResponseBody)).toEqual(['$.Regions: expected an object']);
    expect(sdkModelViolations({ Instances: { Instance: [{ Cpu: '2' }] } }, DescribeInstancesResponseBody)).toEqual(['$.Instances.Instance[0].Cpu: expected number, got string']);
  });
});
