import { apiCall } from '../testing/api-call';
import { OTHER_ACCOUNT } from '../testing/catalog-fixture';
import { testDeps } from '../testing/test-deps';
import { DescribeImagesHandler } from './describe-images.handler';

type ImagesResult = { Images: { Image: Array<{ ImageId: string }> } };

async function imageIds(params: Record<string, string> = {}, accountId?: string): Promise<string[]> {
  const result = (await new DescribeImagesHandler(testDeps()).handle(apiCall('DescribeImages', params, accountId))) as ImagesResult;
  return result.Images.Image.map((image) => image.ImageId);
}

describe('DescribeImages', () => {
  it('shapes an image the ECS way', async () => {
    const result = await new DescribeImagesHandler(testDeps()).handle(apiCall('DescribeImages', { ImageId: 'm-ubuntu' }));
    expect(result).toEqual({
      RegionId: 'cn-test-1',
      TotalCount: 1,
      PageNumber: 1,
      PageSize: 10,
      Images: {
        Image: [
          {
            ImageId: 'm-ubuntu',
            ImageName: 'ubuntu_22_04_x64',
            Description: 'test image',
            OSName: 'Ubuntu 22.04 64 bit',
            OSType: 'linux',
            Platform: 'Ubuntu',
            Architecture: 'x86_64',
            Size: 20,
            Status: 'Available',
            ImageOwnerAlias: 'system',
            IsPublic: true,
            CreationTime: '2024-01-02T03:04:05Z',
          },
        ],
      },
    });
  });

  it("lists available system images and the caller's own, newest first, never another tenant's", async () => {
    expect(await imageIds()).toEqual(['m-own', 'm-big', 'm-ubuntu']);
    expect(await imageIds({}, OTHER_ACCOUNT)).toEqual(['m-foreign', 'm-big', 'm-ubuntu']);
    expect(await imageIds({ ImageId: 'm-foreign' })).toEqual([]);
  });

  it('filters by ImageId list, ImageName, ImageOwnerAlias and Status', async () => {
    expect(await imageIds({ ImageId: 'm-ubuntu,m-own' })).toEqual(['m-own', 'm-ubuntu']);
    expect(await imageIds({ ImageName: 'big_image' })).toEqual(['m-big']);
    expect(await imageIds({ ImageOwnerAlias: 'self' })).toEqual(['m-own']);
    expect(await imageIds({ ImageOwnerAlias: 'marketplace' })).toEqual([]);
    expect(await imageIds({ Status: 'Creating' })).toEqual(['m-creating']);
    expect(await imageIds({ Status: 'Creating,Available' })).toEqual(['m-own', 'm-creating', 'm-big', 'm-ubuntu']);
    expect(await imageIds({ Status: 'Deprecated' })).toEqual([]);
  });

  it('filters by OSType, Architecture, IsPublic and ImageOwnerId', async () => {
    expect(await imageIds({ OSType: 'linux', Architecture: 'x86_64' })).toEqual(['m-own', 'm-big', 'm-ubuntu']);
    expect(await imageIds({ OSType: 'windows' })).toEqual([]);
    expect(await imageIds({ Architecture: 'arm64' })).toEqual([]);
    expect(await imageIds({ IsPublic: 'true' })).toEqual(['m-big', 'm-ubuntu']);
    expect(await imageIds({ IsPublic: 'false' })).toEqual(['m-own']);
    expect(await imageIds({ ImageOwnerId: '1234567890' })).toEqual(['m-own']);
    expect(await imageIds({ ImageOwnerId: '9876543210' })).toEqual([]);
    await expect(imageIds({ OSType: 'beos' })).rejects.toMatchObject({ code: 'InvalidParameter' });
    await expect(imageIds({ IsPublic: 'maybe' })).rejects.toMatchObject({ code: 'InvalidParameter' });
  });

  it('pages with PageNumber and PageSize', async () => {
    expect(await imageIds({ PageSize: '2', PageNumber: '2' })).toEqual(['m-ubuntu']);
    const result = await new DescribeImagesHandler(testDeps()).handle(apiCall('DescribeImages', { PageSize: '2' }));
    expect(result).toMatchObject({ TotalCount: 3, PageNumber: 1, PageSize: 2 });
  });

  it('rejects unknown owner aliases and statuses and page sizes over 100', async () => {
    await expect(imageIds({ ImageOwnerAlias: 'everyone' })).rejects.toMatchObject({ code: 'InvalidParameter' });
    await expect(imageIds({ Status: 'Broken' })).rejects.toMatchObject({ code: 'InvalidParameter' });
    await expect(imageIds({ PageSize: '101' })).rejects.toMatchObject({ code: 'InvalidParameter' });
  });
});
