import { apiCall } from '../testing/api-call';
import { testDeps } from '../testing/test-deps';
import { ModifyInstanceAttributeHandler } from './modify-instance-attribute.handler';

describe('ModifyInstanceAttribute', () => {
  it('passes only the attributes given and answers with nothing but the RequestId', async () => {
    const deps = testDeps();
    const handler = new ModifyInstanceAttributeHandler(deps);
    expect(await handler.handle(apiCall('ModifyInstanceAttribute', { InstanceId: 'i-1', InstanceName: 'renamed', Description: 'new words' }))).toEqual({});
    await handler.handle(apiCall('ModifyInstanceAttribute', { InstanceId: 'i-1', HostName: 'host-2', UserData: 'YWJj' }));
    expect(deps.control.modifications).toEqual([
      { accountId: '1234567890', regionId: 'cn-test-1', instanceId: 'i-1', instanceName: 'renamed', description: 'new words' },
      { accountId: '1234567890', regionId: 'cn-test-1', instanceId: 'i-1', hostName: 'host-2', userData: 'YWJj' },
    ]);
  });

  it.each([
    [{}, 'MissingParameter'],
    [{ InstanceName: 'web-1' }, 'MissingParameter'],
    [{ InstanceId: 'i-1', InstanceName: '_x' }, 'InvalidInstanceName.Malformed'],
    [{ InstanceId: 'i-1', HostName: 'a..b' }, 'InvalidHostName.Malformed'],
    [{ InstanceId: 'i-1', Description: 'http://x' }, 'InvalidDescription.Malformed'],
    [{ InstanceId: 'i-1', UserData: '@@@@' }, 'InvalidUserData.Base64FormatInvalid'],
  ])('rejects %j with %s', async (params, code) => {
    const deps = testDeps();
    await expect(new ModifyInstanceAttributeHandler(deps).handle(apiCall('ModifyInstanceAttribute', params))).rejects.toMatchObject({ code });
    expect(deps.control.modifications).toEqual([]);
  });
});
