import { apiCall } from './testing/api-call';
import { FakeControl, instanceView } from './testing/fake-control';
import { testDeps } from './testing/test-deps';
import { TenantApiDispatcher } from './tenant-api-dispatcher';

const ACTIONS = [
  'DescribeRegions',
  'DescribeZones',
  'DescribeInstanceTypes',
  'DescribeInstanceTypeFamilies',
  'DescribeImages',
  'DescribeAvailableResource',
  'RunInstances',
  'CreateInstance',
  'StartInstance',
  'StartInstances',
  'StopInstance',
  'StopInstances',
  'RebootInstance',
  'RebootInstances',
  'DeleteInstance',
  'DeleteInstances',
  'DescribeInstances',
  'DescribeInstanceStatus',
  'DescribeInstanceAttribute',
  'ModifyInstanceAttribute',
];

describe('TenantApiDispatcher', () => {
  it('sends each action to its handler', async () => {
    const control = new FakeControl([instanceView({ instanceId: 'i-1', status: 'Stopped' })]);
    const dispatcher = new TenantApiDispatcher(testDeps(control));
    expect(await dispatcher.dispatch(apiCall('StartInstance', { InstanceId: 'i-1' }))).toEqual({});
    expect(control.actions).toMatchObject([{ action: 'start', instanceIds: ['i-1'] }]);
    expect(await dispatcher.dispatch(apiCall('DescribeInstanceStatus'))).toMatchObject({ InstanceStatuses: { InstanceStatus: [{ InstanceId: 'i-1' }] } });
  });

  it.each(ACTIONS)('knows %s', async (action) => {
    const dispatcher = new TenantApiDispatcher(testDeps());
    const outcome = await dispatcher.dispatch(apiCall(action)).then(
      () => 'answered',
      (error: { code?: string }) => error.code,
    );
    expect(outcome).not.toBe('InvalidAction.NotFound');
  });

  it('answers an unknown action with InvalidAction.NotFound', async () => {
    const dispatcher = new TenantApiDispatcher(testDeps());
    await expect(dispatcher.dispatch(apiCall('DescribeSpaceships'))).rejects.toMatchObject({ code: 'InvalidAction.NotFound', status: 404 });
    await expect(dispatcher.dispatch(apiCall('describeinstances'))).rejects.toMatchObject({ code: 'InvalidAction.NotFound' });
  });
});
