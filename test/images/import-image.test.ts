import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { configureLogging } from '@ecs/observability';
import { CatalogRepository, ImageRepository } from '@ecs/persistence';
import { TEST_DATABASES, type TestDatabase } from '@ecs/testing';
import { qcow2Image, rawImage, sha256 } from './support/disk-images';
import { ACCOUNT, imageCenterFixture, importCommand, MAX_IMAGE_BYTES, REGION, type ImageCenterFixture } from './support/image-center-fixture';
import { SourceServer } from './support/source-server';

const QCOW2 = qcow2Image();
const RAW = rawImage();

describe.each(TEST_DATABASES)('ImportImage on %s', (_name, open) => {
  let handle: TestDatabase;
  let fixture: ImageCenterFixture;
  let images: ImageRepository;
  let source: SourceServer;
  let base: string;

  beforeAll(async () => {
    configureLogging({ level: 'silent' });
    handle = await open();
    images = new ImageRepository(handle.db);
    fixture = await imageCenterFixture(handle.db);
    source = new SourceServer({
      '/disk.qcow2': { body: QCOW2 },
      '/disk.raw': { body: RAW },
      '/notes.txt': { body: Buffer.from('just some text, not a disk\n'.repeat(100)) },
      '/huge.raw': { body: rawImage(MAX_IMAGE_BYTES + 512) },
      '/moved': { redirect: '/disk.raw' },
      '/to-private': { redirect: 'http://10.20.30.40/disk.raw' },
      '/to-metadata': { redirect: 'http://100.100.100.200/latest/meta-data/' },
      '/gone': { status: 410 },
      '/stalls': { stall: true },
    });
    base = await source.start();
  });
  afterAll(async () => {
    await fixture.dispose();
    await source.stop();
    await handle.dispose();
  });

  async function importAndSettle(path: string, overrides: Parameters<typeof importCommand>[1] = {}) {
    const { imageId, taskId } = await fixture.center.service.importImage(importCommand(`${base}${path}`, overrides));
    const creating = await images.get(imageId);
    await fixture.center.whenIdle();
    return { imageId, taskId, creating, settled: (await images.get(imageId))! };
  }

  it('imports a qcow2 image: Creating, then Available with its content in the store', async () => {
    const { creating, settled, taskId } = await importAndSettle('/disk.qcow2', { imageName: 'imported-qcow2', description: 'from the test mirror' });
    expect(taskId).toMatch(/^t-[a-z0-9]{20}$/);
    expect(creating).toMatchObject({ status: 'Creating', ownerAlias: 'self', ownerAccountId: ACCOUNT, regionId: REGION, imageName: 'imported-qcow2', osName: 'Ubuntu 64 bit' });
    expect(settled).toMatchObject({ status: 'Available', diskFormat: 'qcow2', blobDigest: sha256(QCOW2), sizeBytes: QCOW2.length, sizeGiB: 3, sourceKind: 'url', sourceRef: `${base}/disk.qcow2` });
    expect(sha256(await readFile(join(fixture.storeDir(REGION), 'blobs', 'sha256', sha256(QCOW2))))).toBe(sha256(QCOW2));
  });

  it('imports a raw image, following a redirect, sized by its length', async () => {
    const { settled } = await importAndSettle('/moved', { declaredFormat: 'raw' });
    expect(settled).toMatchObject({ status: 'Available', diskFormat: 'raw', blobDigest: sha256(RAW), sizeGiB: 1 });
  });

  it('keeps a query string (a signature, perhaps) out of the catalog', async () => {
    const { settled } = await importAndSettle('/disk.raw?Signature=secret-value');
    expect(settled.status).toBe('Available');
    expect(settled.sourceRef).toBe(`${base}/disk.raw`);
  });

  it('fails what is not a disk image, and leaves nothing in the store', async () => {
    const before = readdirSync(join(fixture.storeDir(REGION), 'blobs', 'sha256')).length;
    const { settled } = await importAndSettle('/notes.txt');
    expect(settled).toMatchObject({ status: 'CreateFailed', failureReason: expect.stringContaining('not a qcow2 image'), blobDigest: undefined });
    expect(readdirSync(join(fixture.storeDir(REGION), 'blobs', 'sha256'))).toHaveLength(before);
    expect(readdirSync(join(fixture.storeDir(REGION), 'tmp'))).toEqual([]);
  });

  it('fails an image over the size limit, and one whose content is not the declared format', async () => {
    expect((await importAndSettle('/huge.raw')).settled).toMatchObject({ status: 'CreateFailed', failureReason: expect.stringContaining('larger than the limit') });
    expect((await importAndSettle('/disk.qcow2', { declaredFormat: 'raw' })).settled).toMatchObject({
      status: 'CreateFailed',
      failureReason: 'the image was declared RAW but its content is QCOW2',
    });
  });

  it('fails on an HTTP error and on redirects to private or metadata addresses, fetching nothing from them', async () => {
    expect((await importAndSettle('/gone')).settled).toMatchObject({ status: 'CreateFailed', failureReason: 'the server answered HTTP 410' });
    expect((await importAndSettle('/to-private')).settled).toMatchObject({ status: 'CreateFailed', failureReason: expect.stringContaining('10.20.30.40 resolves to an address') });
    expect((await importAndSettle('/to-metadata')).settled).toMatchObject({ status: 'CreateFailed', failureReason: expect.stringContaining('100.100.100.200') });
  });

  it('refuses loopback, private, link-local and metadata URLs at once unless an operator allows them', async () => {
    const guarded = await imageCenterFixture(handle.db, { allowedCidrs: [] });
    const requestsBefore = source.requests.length;
    try {
      const port = new URL(base).port;
      for (const url of [`${base}/disk.raw`, `http://localhost:${port}/disk.raw`, `http://[::1]:${port}/disk.raw`, `http://[::ffff:127.0.0.1]:${port}/x`, 'http://169.254.169.254/latest/', 'http://100.100.100.200/latest/user-data', 'http://10.0.0.8/disk.raw', 'http://192.168.1.1/disk.raw', 'http://0.0.0.0/x']) {
        await expect(guarded.center.service.importImage(importCommand(url))).rejects.toMatchObject({ code: 'OperationDenied.ImportSource' });
      }
      for (const url of ['ftp://mirror.example/disk.raw', 'http://user:pw@mirror.example/disk.raw', 'not a url']) {
        await expect(guarded.center.service.importImage(importCommand(url))).rejects.toMatchObject({ code: 'InvalidParameter' });
      }
      expect(source.requests).toHaveLength(requestsBefore);
    } finally {
      await guarded.dispose();
    }
  });

  it('answers a DryRun without creating anything', async () => {
    const before = await countImages();
    await expect(fixture.center.service.importImage(importCommand(`${base}/disk.raw`, { dryRun: true }))).rejects.toMatchObject({ code: 'DryRunOperation' });
    expect(await countImages()).toBe(before);
  });

  it('answers a repeated ClientToken with the first image, and refuses it with other parameters', async () => {
    const first = await fixture.center.service.importImage(importCommand(`${base}/disk.raw`, { clientToken: 'import-once', requestHash: 'hash-a' }));
    const again = await fixture.center.service.importImage(importCommand(`${base}/disk.raw`, { clientToken: 'import-once', requestHash: 'hash-a' }));
    expect(again).toEqual(first);
    await expect(fixture.center.service.importImage(importCommand(`${base}/disk.qcow2`, { clientToken: 'import-once', requestHash: 'hash-b' }))).rejects.toMatchObject({ code: 'IdempotentParameterMismatch' });
    await fixture.center.whenIdle();
  });

  it('fails images a previous run left Creating when it starts again', async () => {
    await images.insert({ imageId: 'm-interrupted', regionId: REGION, imageName: 'cut-off', description: '', osName: 'x', osType: 'linux', platform: 'Ubuntu', architecture: 'x86_64', sizeGiB: 0, status: 'Creating', ownerAlias: 'self', ownerAccountId: ACCOUNT, sourceKind: 'url', sourceRef: 'http://example/x' });
    const restarted = await imageCenterFixture(handle.db);
    try {
      expect(await images.get('m-interrupted')).toMatchObject({ status: 'CreateFailed', failureReason: expect.stringContaining('restarted') });
    } finally {
      await restarted.dispose();
    }
  });

  it('gives up an import that outlives its deadline', async () => {
    const slow = await imageCenterFixture(handle.db, { jobTimeoutMs: 300 });
    try {
      const { imageId } = await slow.center.service.importImage(importCommand(`${base}/stalls`));
      await slow.center.whenIdle();
      expect(await images.get(imageId)).toMatchObject({ status: 'CreateFailed', failureReason: 'the operation took longer than allowed' });
    } finally {
      await slow.dispose();
    }
  });

  async function countImages(): Promise<number> {
    return (await new CatalogRepository(handle.db).images({ regionId: REGION, accountId: ACCOUNT })).length;
  }
});
