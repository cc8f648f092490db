import { apiCall } from '../testing/api-call';
import { OTHER_ACCOUNT } from '../testing/catalog-fixture';
import { CreateImageHandler } from './create-image.handler';
import { imageTestDeps } from './testing/image-test-deps';

describe('CreateImage', () => {
  it("creates from the caller's Stopped instance, naming the image it came from", async () => {
    const deps = imageTestDeps();
    const result = await new CreateImageHandler(deps, deps.images).handle(apiCall('CreateImage', { InstanceId: 'i-stopped', ImageName: 'golden', Architecture: 'x86_64' }));
    expect(result).toEqual({ ImageId: 'm-created' });
    expect(deps.images.creations).toEqual([
      expect.objectContaining({ instanceId: 'i-stopped', sourceImageId: 'm-own', imageName: 'golden', architecture: 'x86_64', platform: undefined, dryRun: false }),
    ]);
  });

  it('refuses an instance that is not Stopped, and one that is not the caller’s', async () => {
    const deps = imageTestDeps();
    const handler = new CreateImageHandler(deps, deps.images);
    await expect(handler.handle(apiCall('CreateImage', { InstanceId: 'i-running' }))).rejects.toMatchObject({ code: 'IncorrectInstanceStatus' });
    await expect(handler.handle(apiCall('CreateImage', { InstanceId: 'i-stopped' }, OTHER_ACCOUNT))).rejects.toMatchObject({ code: 'InvalidInstanceId.NotFound' });
    await expect(handler.handle(apiCall('CreateImage', {}))).rejects.toMatchObject({ code: 'MissingParameter' });
    expect(deps.images.creations).toEqual([]);
  });

  it('refuses snapshots, which do not exist here', async () => {
    const deps = imageTestDeps();
    await expect(new CreateImageHandler(deps, deps.images).handle(apiCall('CreateImage', { SnapshotId: 's-1' }))).rejects.toMatchObject({ code: 'InvalidParameter' });
  });
});
