import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImageService } from '@ecs/contracts';
import { configureLogging } from '@ecs/observability';
import { ImageRepository, InstanceRepository } from '@ecs/persistence';
import { TEST_DATABASES, type TestDatabase } from '@ecs/testing';
import { instanceRow } from '../persistence/instance-row';
import { qcow2Image, rawImage, sha256 } from './support/disk-images';
import { ACCOUNT, imageCenterFixture, OTHER_ACCOUNT, OTHER_REGION, REGION, type ImageCenterFixture } from './support/image-center-fixture';

const write = { clientToken: undefined, requestHash: 'h', dryRun: false };

describe.each(TEST_DATABASES)('image lifecycle on %s', (_name, open) => {
  let handle: TestDatabase;
  let fixture: ImageCenterFixture;
  let service: ImageService;
  let images: ImageRepository;
  const disk = rawImage(512 * 1024, 3);

  beforeAll(async () => {
    configureLogging({ level: 'silent' });
    handle = await open();
    images = new ImageRepository(handle.db);
    fixture = await imageCenterFixture(handle.db);
    service = fixture.center.service;
    const diskFile = join(fixture.dir, 'i-stopped.disk');
    writeFileSync(diskFile, disk);
    fixture.exporter.files.set('i-stopped', diskFile);
    await fixture.center.registerSystemImage({
      imageId: 'm-system-qcow2',
      regionId: REGION,
      file: writeTemp('system.qcow2', qcow2Image(2 * 1024 ** 3)),
      imageName: 'tiny_linux_x64',
      description: 'a system image',
      osName: 'Tiny Linux 64 bit',
      os: { osType: 'linux', platform: 'Others Linux', architecture: 'x86_64' },
    });
  });
  afterAll(async () => {
    await fixture.dispose();
    await handle.dispose();
  });

  function writeTemp(name: string, content: Buffer): string {
    const path = join(fixture.dir, name);
    writeFileSync(path, content);
    return path;
  }

  async function createFromInstance(overrides: Partial<Parameters<ImageService['createImage']>[0]> = {}): Promise<string> {
    const { imageId } = await service.createImage({
      accountId: ACCOUNT,
      regionId: REGION,
      instanceId: 'i-stopped',
      sourceImageId: 'm-system-qcow2',
      imageName: 'golden',
      description: undefined,
      platform: undefined,
      architecture: undefined,
      ...write,
      ...overrides,
    });
    await fixture.center.whenIdle();
    return imageId;
  }

  it('registers an operator system image from a file once, and leaves it alone on later starts', async () => {
    const image = await images.get('m-system-qcow2');
    expect(image).toMatchObject({ status: 'Available', ownerAlias: 'system', ownerAccountId: undefined, diskFormat: 'qcow2', sizeGiB: 2, sourceKind: 'file', sourceRef: 'system.qcow2' });
    const again = await fixture.center.registerSystemImage({
      imageId: 'm-system-qcow2',
      regionId: REGION,
      file: writeTemp('other.raw', rawImage(4096)),
      imageName: 'x',
      description: 'y',
      osName: 'z',
      os: { osType: 'linux', platform: 'Others Linux', architecture: 'x86_64' },
    });
    expect(again.blobDigest).toBe(image!.blobDigest);
  });

  it('creates an image from a stopped instance through the disk exporter, inheriting the OS fields', async () => {
    const imageId = await createFromInstance();
    expect(await images.get(imageId)).toMatchObject({
      status: 'Available',
      imageName: 'golden',
      osName: 'Tiny Linux 64 bit',
      platform: 'Others Linux',
      ownerAccountId: ACCOUNT,
      sourceKind: 'instance',
      sourceRef: 'i-stopped',
      diskFormat: 'raw',
      blobDigest: sha256(disk),
    });
    expect(fixture.exporter.released).toContain('i-stopped');
  });

  it('fails the image when the disk cannot be exported', async () => {
    const imageId = await createFromInstance({ instanceId: 'i-nodisk' });
    expect(await images.get(imageId)).toMatchObject({ status: 'CreateFailed', failureReason: "the instance's system disk could not be exported" });
  });

  it('copies into another region by streaming the bytes into that store, verified by digest', async () => {
    const sourceId = await createFromInstance({ imageName: 'to-copy' });
    const { imageId } = await service.copyImage({ accountId: ACCOUNT, regionId: REGION, imageId: sourceId, destinationRegionId: OTHER_REGION, imageName: undefined, description: 'copied', ...write });
    await fixture.center.whenIdle();
    const copy = await images.get(imageId);
    expect(copy).toMatchObject({ status: 'Available', regionId: OTHER_REGION, imageName: 'to-copy', description: 'copied', sourceKind: 'copy', sourceRef: sourceId, blobDigest: sha256(disk) });
    expect(sha256(await readFile(join(fixture.storeDir(OTHER_REGION), 'blobs', 'sha256', sha256(disk))))).toBe(sha256(disk));
  });

  it('copies within a region by naming the same blob', async () => {
    const sourceId = await createFromInstance({ imageName: 'same-region' });
    const { imageId } = await service.copyImage({ accountId: ACCOUNT, regionId: REGION, imageId: sourceId, destinationRegionId: REGION, imageName: 'same-region-copy', description: undefined, ...write });
    await fixture.center.whenIdle();
    expect(await images.get(imageId)).toMatchObject({ status: 'Available', regionId: REGION, imageName: 'same-region-copy', blobDigest: sha256(disk) });
  });

  it("refuses copies of images that are not the caller's Available custom images, or into unknown regions", async () => {
    const failedId = await createFromInstance({ instanceId: 'i-nodisk' });
    const okId = await createFromInstance();
    const copy = (imageId: string, overrides: { accountId?: string; destinationRegionId?: string } = {}) =>
      service.copyImage({ accountId: ACCOUNT, regionId: REGION, imageId, destinationRegionId: OTHER_REGION, imageName: undefined, description: undefined, ...write, ...overrides });
    await expect(copy(failedId)).rejects.toMatchObject({ code: 'IncorrectImageStatus' });
    await expect(copy('m-system-qcow2')).rejects.toMatchObject({ code: 'InvalidImageId.NotFound' });
    await expect(copy(okId, { accountId: OTHER_ACCOUNT })).rejects.toMatchObject({ code: 'InvalidImageId.NotFound' });
    await expect(copy(okId, { destinationRegionId: 'cn-nowhere-1' })).rejects.toMatchObject({ code: 'InvalidRegionId.NotFound', message: expect.stringContaining('DestinationRegionId') });
  });

  it('renames and re-describes only the caller’s own images', async () => {
    const imageId = await createFromInstance({ imageName: 'before-rename' });
    await service.modifyImageAttribute({ accountId: ACCOUNT, regionId: REGION, imageId, imageName: 'after-rename', description: 'now described', dryRun: false });
    expect(await images.get(imageId)).toMatchObject({ imageName: 'after-rename', description: 'now described' });
    for (const [accountId, id] of [[OTHER_ACCOUNT, imageId], [ACCOUNT, 'm-system-qcow2'], [ACCOUNT, 'm-missing']] as const) {
      await expect(service.modifyImageAttribute({ accountId, regionId: REGION, imageId: id, imageName: 'stolen', description: undefined, dryRun: false })).rejects.toMatchObject({ code: 'InvalidImageId.NotFound' });
    }
    await expect(service.modifyImageAttribute({ accountId: ACCOUNT, regionId: REGION, imageId, imageName: 'dry', description: undefined, dryRun: true })).rejects.toMatchObject({ code: 'DryRunOperation' });
    expect((await images.get(imageId))!.imageName).toBe('after-rename');
  });

  it('refuses to delete an image instances use unless forced, and frees the blob with its last image', async () => {
    const content = rawImage(64 * 1024, 11);
    fixture.exporter.files.set('i-unique', writeTemp('i-unique.disk', content));
    const imageId = await createFromInstance({ instanceId: 'i-unique', imageName: 'in-use' });
    const { imageId: copyId } = await service.copyImage({ accountId: ACCOUNT, regionId: REGION, imageId, destinationRegionId: REGION, imageName: 'in-use-copy', description: undefined, ...write });
    await fixture.center.whenIdle();
    await handle.db.transaction((tx) => new InstanceRepository(handle.db).insert(tx, { ...instanceRow('i-user1'), accountId: ACCOUNT, imageId }, []));
    const remove = (id: string, force: boolean, dryRun = false) => service.deleteImage({ accountId: ACCOUNT, regionId: REGION, imageId: id, force, dryRun });
    const blob = join(fixture.storeDir(REGION), 'blobs', 'sha256', sha256(content));

    await expect(remove(imageId, false)).rejects.toMatchObject({ code: 'ImageUsingByInstance' });
    await expect(remove(imageId, true, true)).rejects.toMatchObject({ code: 'DryRunOperation' });
    await remove(imageId, true);
    expect(await images.get(imageId)).toBeUndefined();
    expect(sha256(await readFile(blob))).toBe(sha256(content));
    await remove(copyId, false);
    await expect(readFile(blob)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(remove(copyId, false)).rejects.toMatchObject({ code: 'InvalidImageId.NotFound' });
    await expect(remove('m-system-qcow2', true)).rejects.toMatchObject({ code: 'InvalidImageId.NotFound' });
  });
});
