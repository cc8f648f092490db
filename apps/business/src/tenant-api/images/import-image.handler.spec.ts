import { apiCall } from '../testing/api-call';
import { ImportImageHandler } from './import-image.handler';
import { imageTestDeps } from './testing/image-test-deps';

const URL_PARAM = { 'DiskDeviceMapping.1.ImportUrl': 'https://mirror.example/disk.qcow2' };

describe('ImportImage', () => {
  it('hands the image center a validated command and answers ImageId, RegionId and TaskId', async () => {
    const deps = imageTestDeps();
    const result = await new ImportImageHandler(deps, deps.images).handle(
      apiCall('ImportImage', { ...URL_PARAM, 'DiskDeviceMapping.1.Format': 'QCOW2', ImageName: 'my-import', Description: 'from the mirror', OSType: 'linux', Platform: 'Ubuntu', ClientToken: 'tok-1' }),
    );
    expect(result).toEqual({ ImageId: 'm-imported', RegionId: 'cn-test-1', TaskId: 't-import' });
    expect(deps.images.imports).toEqual([
      {
        accountId: '1234567890',
        regionId: 'cn-test-1',
        url: 'https://mirror.example/disk.qcow2',
        declaredFormat: 'qcow2',
        imageName: 'my-import',
        description: 'from the mirror',
        os: { osType: 'linux', platform: 'Ubuntu', architecture: 'x86_64' },
        clientToken: 'tok-1',
        requestHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        dryRun: false,
      },
    ]);
  });

  it('fingerprints the parameters, not the token or DryRun', async () => {
    const deps = imageTestDeps();
    const handler = new ImportImageHandler(deps, deps.images);
    await handler.handle(apiCall('ImportImage', { ...URL_PARAM, ClientToken: 'a' }));
    await handler.handle(apiCall('ImportImage', { ...URL_PARAM, ClientToken: 'b', DryRun: 'true' }));
    await handler.handle(apiCall('ImportImage', { ...URL_PARAM, ImageName: 'other' }));
    const [first, second, third] = deps.images.imports.map((command) => command.requestHash);
    expect(first).toBe(second);
    expect(third).not.toBe(first);
    expect(deps.images.imports[1].dryRun).toBe(true);
  });

  it('refuses bad names and what this platform does not offer, before reaching the image center', async () => {
    const deps = imageTestDeps();
    const handler = new ImportImageHandler(deps, deps.images);
    await expect(handler.handle(apiCall('ImportImage', { ...URL_PARAM, ImageName: 'aliyun_x' }))).rejects.toMatchObject({ code: 'InvalidImageName.Malformed' });
    await expect(handler.handle(apiCall('ImportImage', { ...URL_PARAM, RoleName: 'AliyunECSImageImportDefaultRole' }))).rejects.toMatchObject({ code: 'InvalidParameter' });
    await expect(handler.handle(apiCall('ImportImage', {}))).rejects.toMatchObject({ code: 'MissingParameter' });
    expect(deps.images.imports).toEqual([]);
  });
});
