import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { BlobStore, BlobTooLargeError, DigestMismatchError } from './blob-store';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Content delivered in many small chunks, as a network stream would. */
function chunked(data: Buffer, size = 1000): Readable {
  return Readable.from(Array.from({ length: Math.ceil(data.length / size) }, (_, i) => data.subarray(i * size, (i + 1) * size)));
}

describe('BlobStore', () => {
  let root: string;
  let store: BlobStore;
  const content = Buffer.from(Array.from({ length: 20_000 }, (_, i) => i % 251));

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'blob-store-'));
    store = new BlobStore(root);
    await store.open();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('names a blob by the SHA-256 of its bytes and keeps the first 8 KiB for detection', async () => {
    const staged = await store.ingest(chunked(content), { maxBytes: 1 << 20 });
    expect(staged).toMatchObject({ digest: sha256(content), sizeBytes: content.length });
    expect(staged.header).toEqual(content.subarray(0, 8192));
    expect(await store.sizeOf(staged.digest)).toBeUndefined();
    expect(await staged.commit(async () => true, async () => true)).toBe(true);
    expect(await readFile(store.pathOf(staged.digest))).toEqual(content);
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
  });

  it('refuses content past the limit and leaves nothing behind', async () => {
    await expect(store.ingest(chunked(content), { maxBytes: content.length - 1 })).rejects.toBeInstanceOf(BlobTooLargeError);
    await expect(store.ingest(chunked(content), { maxBytes: content.length })).resolves.toMatchObject({ sizeBytes: content.length });
    expect(readdirSync(join(root, 'tmp'))).toHaveLength(1);
  });

  it('refuses a copy whose bytes do not hash to the expected digest', async () => {
    await expect(store.ingest(chunked(content), { maxBytes: 1 << 20, expectedDigest: 'a'.repeat(64) })).rejects.toBeInstanceOf(DigestMismatchError);
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
  });

  it('stores equal content once and frees it only when nothing names it', async () => {
    const first = await store.ingest(chunked(content), { maxBytes: 1 << 20 });
    const second = await store.ingest(chunked(content), { maxBytes: 1 << 20 });
    await first.commit(async () => true, async () => true);
    await second.commit(async () => true, async () => true);
    expect(readdirSync(join(root, 'blobs', 'sha256'))).toEqual([first.digest]);
    expect(await store.removeIfUnreferenced(first.digest, async () => true)).toBe(false);
    expect(await store.sizeOf(first.digest)).toBe(content.length);
    expect(await store.removeIfUnreferenced(first.digest, async () => false)).toBe(true);
    expect(await store.sizeOf(first.digest)).toBeUndefined();
  });

  it('frees the bytes again when the image went away before it could be recorded', async () => {
    const staged = await store.ingest(chunked(content), { maxBytes: 1 << 20 });
    expect(await staged.commit(async () => false, async () => false)).toBe(false);
    expect(await store.sizeOf(staged.digest)).toBeUndefined();
  });

  it('serves byte ranges', async () => {
    const staged = await store.ingest(chunked(content), { maxBytes: 1 << 20 });
    await staged.commit(async () => true, async () => true);
    const parts: Buffer[] = [];
    for await (const chunk of store.read(staged.digest, { start: 100, end: 199 })) parts.push(chunk as Buffer);
    expect(Buffer.concat(parts)).toEqual(content.subarray(100, 200));
  });

  it('clears temporary files of a previous process on open', async () => {
    const staged = await store.ingest(chunked(content), { maxBytes: 1 << 20 });
    expect(readdirSync(join(root, 'tmp'))).toHaveLength(1);
    await new BlobStore(root).open();
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
    await staged.discard();
  });
});
