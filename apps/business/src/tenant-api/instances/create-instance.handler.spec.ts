import { apiCall } from '../testing/api-call';
import { testDeps } from '../testing/test-deps';
import { CreateInstanceHandler } from './create-instance.handler';
import { RunInstancesHandler } from './run-instances.handler';

const PARAMS = { RegionId: 'cn-test-1', ZoneId: 'cn-test-1a', InstanceType: 'ecs.g7.large', ImageId: 'm-ubuntu', SecurityGroupId: 'sg-one', ClientToken: 'tok' };

describe('CreateInstance', () => {
  it('creates exactly one instance, left Stopped, and answers InstanceId', async () => {
    const deps = testDeps();
    const result = await new CreateInstanceHandler(deps).handle(apiCall('CreateInstance', { ...PARAMS, Amount: '5' }));
    expect(result).toEqual({ InstanceId: 'i-launched1' });
    expect(deps.control.launches[0]).toMatchObject({ amount: 1, minAmount: 1, powerOn: false, operation: 'CreateInstance', securityGroupIds: ['sg-one'] });
  });

  it('hashes differently from the same RunInstances request, so one token cannot serve both', async () => {
    const deps = testDeps();
    await new CreateInstanceHandler(deps).handle(apiCall('CreateInstance', PARAMS));
    await new RunInstancesHandler(deps).handle(apiCall('RunInstances', PARAMS));
    const [create, run] = deps.control.launches;
    expect(create.requestHash).not.toBe(run.requestHash);
  });

  it('validates like RunInstances', async () => {
    const deps = testDeps();
    await expect(new CreateInstanceHandler(deps).handle(apiCall('CreateInstance', { ...PARAMS, InstanceType: 'ecs.c7.large' }))).rejects.toMatchObject({
      code: 'InvalidInstanceType.NotSupported',
    });
    expect(deps.control.launches).toEqual([]);
  });
});
