import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPlatformConfig } from '@ecs/config';
import { configureLogging } from '@ecs/observability';
import { ImageRepository } from '@ecs/persistence';
import { TEST_DATABASES, type TestDatabase } from '@ecs/testing';
import { HttpImageCache, ImagePullError, openHostImageCache, startImageCenter } from '../../apps/image-center/src';
import { rawImage, sha256 } from './support/disk-images';
import { ACCOUNT, BLOB_TOKEN, FileDiskExporter, imageCenterFixture, REGION, type ImageCenterFixture } from './support/image-center-fixture';

const CONTENT = rawImage(300 * 1024, 5);
const DIGEST = sha256(CONTENT);

describe.each(TEST_DATABASES)('blob endpoint and host image cache on %s', (_name, open) => {
  let handle: TestDatabase;
  let fixture: ImageCenterFixture;
  let url: string;
  let cacheRoot: string;

  beforeAll(async () => {
    configureLogging({ level: 'silent' });
    handle = await open();
    fixture = await imageCenterFixture(handle.db);
    const file = join(fixture.dir, 'base.raw');
    writeFileSync(file, CONTENT);
    await fixture.center.registerSystemImage({ imageId: 'm-base', regionId: REGION, file, imageName: 'base', description: 'base image', osName: 'Base 64 bit', os: { osType: 'linux', platform: 'Others Linux', architecture: 'x86_64' } });
    // Equal content under another id: one blob, pulled once by a host.
    await fixture.center.registerSystemImage({ imageId: 'm-twin', regionId: REGION, file, imageName: 'twin', description: 'same bytes', osName: 'Base 64 bit', os: { osType: 'linux', platform: 'Others Linux', architecture: 'x86_64' } });
    await new ImageRepository(handle.db).insert({ imageId: 'm-pending', regionId: REGION, imageName: 'pending', description: '', osName: 'x', osType: 'linux', platform: 'x', architecture: 'x86_64', sizeGiB: 0, status: 'Creating', ownerAlias: 'self', ownerAccountId: ACCOUNT, sourceKind: 'url', sourceRef: 'http://example/x' });
    url = await fixture.center.listen(0, '127.0.0.1');
    cacheRoot = mkdtempSync(join(tmpdir(), 'host-cache-'));
  });
  afterAll(async () => {
    await fixture.dispose();
    await handle.dispose();
    rmSync(cacheRoot, { recursive: true, force: true });
  });

  const authorised = { authorization: `Bearer ${BLOB_TOKEN}` };
  const blobUrl = (digest = DIGEST) => `${url}/blobs/sha256/${digest}`;

  it('requires the bearer token', async () => {
    for (const headers of [{} as Record<string, string>, { authorization: 'Bearer wrong-token' }, { authorization: BLOB_TOKEN }, { authorization: `Basic ${BLOB_TOKEN}` }]) {
      const response = await fetch(blobUrl(), { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
    }
  });

  it('describes Available images with content, and nothing else', async () => {
    const response = await fetch(`${url}/v1/images/m-base/manifest`, { headers: authorised });
    expect(await response.json()).toEqual({ imageId: 'm-base', digest: DIGEST, sizeBytes: CONTENT.length, format: 'raw' });
    for (const imageId of ['m-pending', 'm-missing', '%E0%A4%A']) expect((await fetch(`${url}/v1/images/${imageId}/manifest`, { headers: authorised })).status).toBe(404);
  });

  it('streams blobs whole or by range, with a strong ETag', async () => {
    const whole = await fetch(blobUrl(), { headers: authorised });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('etag')).toBe(`"sha256:${DIGEST}"`);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(sha256(Buffer.from(await whole.arrayBuffer()))).toBe(DIGEST);

    const part = await fetch(blobUrl(), { headers: { ...authorised, range: 'bytes=1000-1999' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 1000-1999/${CONTENT.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(CONTENT.subarray(1000, 2000))).toBe(true);

    const tail = await fetch(blobUrl(), { headers: { ...authorised, range: 'bytes=-10' } });
    expect(Buffer.from(await tail.arrayBuffer()).equals(CONTENT.subarray(-10))).toBe(true);

    const beyond = await fetch(blobUrl(), { headers: { ...authorised, range: `bytes=${CONTENT.length}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${CONTENT.length}`);

    const head = await fetch(blobUrl(), { method: 'HEAD', headers: authorised });
    expect([head.status, head.headers.get('content-length')]).toEqual([200, String(CONTENT.length)]);
  });

  it('answers 404 for unknown or malformed digests and 405 for writes', async () => {
    expect((await fetch(blobUrl('0'.repeat(64)), { headers: authorised })).status).toBe(404);
    expect((await fetch(blobUrl('../../etc/passwd'), { headers: authorised })).status).toBe(404);
    expect((await fetch(blobUrl(), { method: 'DELETE', headers: authorised })).status).toBe(405);
  });

  it('pulls an image into the host cache once, verified, and serves it from there afterwards', async () => {
    const dir = join(cacheRoot, 'pull-once');
    const cache = new HttpImageCache({ blobUrl: url, token: BLOB_TOKEN, cacheDir: dir });
    await cache.open();
    expect(await cache.cachedImageIds()).toEqual([]);
    const [path, samePath, sameContent] = await Promise.all([cache.pathFor('m-base'), cache.pathFor('m-base'), cache.pathFor('m-twin')]);
    expect([samePath, sameContent]).toEqual([path, path]);
    expect(path).toBe(join(dir, 'blobs', DIGEST));
    expect(sha256(await readFile(path))).toBe(DIGEST);
    expect(await cache.cachedImageIds()).toEqual(['m-base', 'm-twin']);
    // A cache over the same folder that cannot reach the image center still has the image.
    const offline = new HttpImageCache({ blobUrl: 'http://127.0.0.1:9', token: BLOB_TOKEN, cacheDir: dir });
    expect(await offline.pathFor('m-base')).toBe(path);
  });

  it('resumes a pull from where an earlier one stopped, and refuses content that does not hash right', async () => {
    const dir = join(cacheRoot, 'resume');
    mkdirSync(join(dir, 'partial'), { recursive: true });
    const cache = new HttpImageCache({ blobUrl: url, token: BLOB_TOKEN, cacheDir: dir });
    await cache.open();
    // Half of the content, but wrong: a resumed pull keeps it and the digest check must catch it.
    writeFileSync(join(dir, 'partial', DIGEST), Buffer.alloc(CONTENT.length / 2, 0xee));
    await expect(cache.pathFor('m-base')).rejects.toThrow(/does not match its digest/);
    // The bad partial is gone: the next pull starts over. A correct half resumes to the right file.
    writeFileSync(join(dir, 'partial', DIGEST), CONTENT.subarray(0, CONTENT.length / 2));
    const path = await cache.pathFor('m-base');
    expect(createHash('sha256').update(await readFile(path)).digest('hex')).toBe(DIGEST);
  });

  it('reports images it cannot pull', async () => {
    const cache = new HttpImageCache({ blobUrl: url, token: BLOB_TOKEN, cacheDir: join(cacheRoot, 'errors') });
    await cache.open();
    await expect(cache.pathFor('m-pending')).rejects.toBeInstanceOf(ImagePullError);
    await expect(cache.pathFor('../escape')).rejects.toThrow(/not a valid image id/);
    const unauthorised = new HttpImageCache({ blobUrl: url, token: 'not-the-token', cacheDir: join(cacheRoot, 'errors') });
    await expect(unauthorised.pathFor('m-base')).rejects.toThrow(/HTTP 401/);
  });

  it('starts from the platform config, and a host cache opened the same way pulls from it', async () => {
    const dataDir = join(cacheRoot, 'from-config');
    const config = loadPlatformConfig({ ECS_DATA_DIR: dataDir, ECS_IMAGE_BLOB_PORT: '0', ECS_IMAGE_IMPORT_ALLOWED_CIDRS: '127.0.0.0/8, ::1/128' }).images;
    const running = await startImageCenter({ db: handle.db, dataDir, regionIds: ['cn-config-1'], exporter: new FileDiskExporter(), config });
    try {
      const file = join(dataDir, 'config.raw');
      writeFileSync(file, CONTENT);
      await running.imageCenter.registerSystemImage({ imageId: 'm-from-config', regionId: 'cn-config-1', file, imageName: 'from-config', description: 'x', osName: 'x', os: { osType: 'linux', platform: 'Others Linux', architecture: 'x86_64' } });
      expect(running.blobToken.length).toBeGreaterThanOrEqual(32);
      const cache = await openHostImageCache({ dataDir, config, blobUrl: running.blobUrl, blobToken: running.blobToken });
      expect(await cache.pathFor('m-from-config')).toBe(join(dataDir, 'image-cache', 'blobs', DIGEST));
      expect(await readFile(join(dataDir, 'images', 'cn-config-1', 'blobs', 'sha256', DIGEST))).toHaveLength(CONTENT.length);
    } finally {
      await running.imageCenter.close();
    }
  });
});
