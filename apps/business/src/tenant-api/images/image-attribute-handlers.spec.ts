import { apiCall } from '../testing/api-call';
import { CopyImageHandler } from './copy-image.handler';
import { DeleteImageHandler } from './delete-image.handler';
import { ModifyImageAttributeHandler } from './modify-image-attribute.handler';
import { imageTestDeps } from './testing/image-test-deps';

describe('CopyImage', () => {
  it('copies into the named region, or this one, with the new name and description', async () => {
    const deps = imageTestDeps();
    const handler = new CopyImageHandler(deps, deps.images);
    expect(await handler.handle(apiCall('CopyImage', { ImageId: 'm-own', DestinationRegionId: 'cn-test-2', DestinationImageName: 'copy-1', DestinationDescription: 'for the other region' }))).toEqual({ ImageId: 'm-copied' });
    await handler.handle(apiCall('CopyImage', { ImageId: 'm-own' }));
    expect(deps.images.copies.map((c) => [c.destinationRegionId, c.imageName, c.description])).toEqual([
      ['cn-test-2', 'copy-1', 'for the other region'],
      ['cn-test-1', undefined, undefined],
    ]);
  });

  it('refuses encryption and malformed destination names', async () => {
    const deps = imageTestDeps();
    const handler = new CopyImageHandler(deps, deps.images);
    await expect(handler.handle(apiCall('CopyImage', { ImageId: 'm-own', Encrypted: 'true' }))).rejects.toMatchObject({ code: 'InvalidParameter' });
    await expect(handler.handle(apiCall('CopyImage', { ImageId: 'm-own', DestinationImageName: 'acs:copy' }))).rejects.toMatchObject({ code: 'InvalidImageName.Malformed' });
    await expect(handler.handle(apiCall('CopyImage', { ImageId: 'm-own', DestinationDescription: 'x' }))).rejects.toMatchObject({ code: 'InvalidDescription.Malformed' });
  });
});

describe('DeleteImage', () => {
  it('passes Force and DryRun on', async () => {
    const deps = imageTestDeps();
    const handler = new DeleteImageHandler(deps, deps.images);
    expect(await handler.handle(apiCall('DeleteImage', { ImageId: 'm-own' }))).toEqual({});
    await handler.handle(apiCall('DeleteImage', { ImageId: 'm-own', Force: 'true', DryRun: 'true' }));
    expect(deps.images.deletions.map((d) => [d.imageId, d.force, d.dryRun])).toEqual([
      ['m-own', false, false],
      ['m-own', true, true],
    ]);
    await expect(handler.handle(apiCall('DeleteImage', { ImageId: 'm-own', Force: 'yes' }))).rejects.toMatchObject({ code: 'InvalidParameter' });
  });
});

describe('ModifyImageAttribute', () => {
  it('renames and re-describes', async () => {
    const deps = imageTestDeps();
    expect(await new ModifyImageAttributeHandler(deps, deps.images).handle(apiCall('ModifyImageAttribute', { ImageId: 'm-own', ImageName: 'renamed', Description: 'new words' }))).toEqual({});
    expect(deps.images.modifications).toEqual([{ accountId: '1234567890', regionId: 'cn-test-1', imageId: 'm-own', imageName: 'renamed', description: 'new words', dryRun: false }]);
  });

  it('refuses attributes that do not exist here rather than ignoring them', async () => {
    const deps = imageTestDeps();
    const handler = new ModifyImageAttributeHandler(deps, deps.images);
    await expect(handler.handle(apiCall('ModifyImageAttribute', { ImageId: 'm-own', Status: 'Deprecated' }))).rejects.toMatchObject({ code: 'InvalidParameter', message: expect.stringContaining('Status') });
    await expect(handler.handle(apiCall('ModifyImageAttribute', { ImageId: 'm-own', ImageName: 'x' }))).rejects.toMatchObject({ code: 'InvalidImageName.Malformed' });
    expect(deps.images.modifications).toEqual([]);
  });
});
