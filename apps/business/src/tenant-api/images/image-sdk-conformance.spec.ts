import { CopyImageResponseBody } from '@alicloud/ecs20140526/dist/models/CopyImageResponseBody';
import { CreateImageResponseBody } from '@alicloud/ecs20140526/dist/models/CreateImageResponseBody';
import { DeleteImageResponseBody } from '@alicloud/ecs20140526/dist/models/DeleteImageResponseBody';
import { GetInstanceConsoleOutputResponseBody } from '@alicloud/ecs20140526/dist/models/GetInstanceConsoleOutputResponseBody';
import { ImportImageResponseBody } from '@alicloud/ecs20140526/dist/models/ImportImageResponseBody';
import { ModifyImageAttributeResponseBody } from '@alicloud/ecs20140526/dist/models/ModifyImageAttributeResponseBody';
import { TenantApiDispatcher } from '../tenant-api-dispatcher';
import { apiCall } from '../testing/api-call';
import { sdkModelViolations, type SdkModel } from '../testing/sdk-model';
import { testDeps } from '../testing/test-deps';
import { FakeConsoles } from './testing/fake-image-service';
import { imageTestDeps } from './testing/image-test-deps';

const CASES: Array<[string, Record<string, string>, SdkModel]> = [
  ['ImportImage', { 'DiskDeviceMapping.1.OSSObject': 'https://mirror.example/disk.raw' }, ImportImageResponseBody],
  ['CreateImage', { InstanceId: 'i-stopped' }, CreateImageResponseBody],
  ['CopyImage', { ImageId: 'm-own', DestinationRegionId: 'cn-test-2' }, CopyImageResponseBody],
  ['DeleteImage', { ImageId: 'm-own' }, DeleteImageResponseBody],
  ['ModifyImageAttribute', { ImageId: 'm-own', ImageName: 'renamed' }, ModifyImageAttributeResponseBody],
  ['GetInstanceConsoleOutput', { InstanceId: 'i-running' }, GetInstanceConsoleOutputResponseBody],
];

describe('image responses match the official SDK models', () => {
  const dispatcher = new TenantApiDispatcher(imageTestDeps(new FakeConsoles({ 'i-running': { output: 'boot\n', lastUpdateTime: '2024-01-01T00:00:00.000Z' } })));

  it.each(CASES)('%s %j', async (action, params, model) => {
    const result = await dispatcher.dispatch(apiCall(action, params));
    expect(sdkModelViolations(result, model)).toEqual([]);
    expect(Object.keys(result).sort()).toEqual(Object.values(model.names()).filter((name) => name !== 'RequestId').sort());
  });

  it('offers the actions only when the image center and the consoles are wired', async () => {
    const bare = new TenantApiDispatcher(testDeps());
    for (const [action, params] of CASES) await expect(bare.dispatch(apiCall(action, params))).rejects.toMatchObject({ code: 'InvalidAction.NotFound' });
  });
});
