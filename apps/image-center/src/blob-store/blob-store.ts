import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HEADER_BYTES } from '../formats/disk-format';
import { isSha256Hex } from './digest';
import { KeyedMutex } from './keyed-mutex';

/** The content grew past the limit; the partial copy is gone. */
export class BlobTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`the image is larger than the limit of ${limitBytes} bytes`);
    this.name = 'BlobTooLargeError';
  }
}

/** The bytes did not hash to the digest they were expected to have (a copy damaged on the way). */
export class DigestMismatchError extends Error {
  constructor() {
    super('the copied content does not match its digest');
    this.name = 'DigestMismatchError';
  }
}

export interface IngestOptions {
  readonly maxBytes: number;
  /** For copies: the digest the bytes must have. */
  readonly expectedDigest?: string;
  readonly signal?: AbortSignal;
}

/** Bytes written and hashed, not yet in the store: commit or discard. */
export interface StagedBlob {
  readonly digest: string;
  readonly sizeBytes: number;
  /** The first bytes, for format detection without reading the file again. */
  readonly header: Buffer;
  /**
   * Moves the bytes into the store (or drops them if the store already has the digest) and runs
   * `record` — which names the blob in the catalog — under the digest's lock, so a concurrent
   * garbage collection cannot free the blob in between. Returns what `record` returns; when it
   * returns false (the image went away meanwhile) an unreferenced blob is freed again.
   */
  commit(record: () => Promise<boolean>, isReferenced: () => Promise<boolean>): Promise<boolean>;
  discard(): Promise<void>;
}

/**
 * A content-addressed store on the local file system: `blobs/sha256/<hex>`, written once through a
 * temporary file in `tmp/` (hashed while streaming, renamed into place), never changed afterwards.
 * Nothing is ever held whole in memory. One process owns a store directory.
 */
export class BlobStore {
  private readonly blobDir: string;
  private readonly tmpDir: string;
  private readonly locks = new KeyedMutex();

  constructor(readonly root: string) {
    this.blobDir = join(root, 'blobs', 'sha256');
    this.tmpDir = join(root, 'tmp');
  }

  /** Creates the directories and removes temporary files a previous process left behind. */
  async open(): Promise<void> {
    await mkdir(this.blobDir, { recursive: true, mode: 0o700 });
    await rm(this.tmpDir, { recursive: true, force: true });
    await mkdir(this.tmpDir, { recursive: true, mode: 0o700 });
  }

  pathOf(digest: string): string {
    if (!isSha256Hex(digest)) throw new Error('not a sha256 digest');
    return join(this.blobDir, digest);
  }

  /** Size in bytes, or undefined when the store does not hold the blob. */
  async sizeOf(digest: string): Promise<number | undefined> {
    try {
      return (await stat(this.pathOf(digest))).size;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Reads a blob, or the inclusive byte range [start, end] of it. */
  read(digest: string, range?: { start: number; end: number }): ReadStream {
    return createReadStream(this.pathOf(digest), range);
  }

  /** Streams `source` into a temporary file, hashing and counting; fails past `maxBytes`. */
  async ingest(source: Readable, options: IngestOptions): Promise<StagedBlob> {
    const tmp = join(this.tmpDir, `${randomBytes(12).toString('hex')}.part`);
    const meter = new IngestMeter(options.maxBytes);
    try {
      await pipeline(source, meter, createWriteStream(tmp, { mode: 0o600 }), { signal: options.signal });
    } catch (error) {
      await rm(tmp, { force: true });
      throw meter.tooLarge ? new BlobTooLargeError(options.maxBytes) : error;
    }
    const digest = meter.digest();
    if (options.expectedDigest !== undefined && digest !== options.expectedDigest) {
      await rm(tmp, { force: true });
      throw new DigestMismatchError();
    }
    return {
      digest,
      sizeBytes: meter.bytes,
      header: meter.header(),
      commit: (record, isReferenced) => this.commit(tmp, digest, record, isReferenced),
      discard: () => rm(tmp, { force: true }),
    };
  }

  /**
   * Names an existing blob in the catalog under its lock (a same-store copy shares the bytes).
   * False when the store no longer holds it or `record` declines.
   */
  async reference(digest: string, record: () => Promise<boolean>): Promise<boolean> {
    return this.locks.run(digest, async () => ((await this.sizeOf(digest)) === undefined ? false : record()));
  }

  /** Frees the blob unless the catalog still names it; checked under the digest's lock. */
  async removeIfUnreferenced(digest: string, isReferenced: () => Promise<boolean>): Promise<boolean> {
    return this.locks.run(digest, async () => {
      if (await isReferenced()) return false;
      await rm(this.pathOf(digest), { force: true });
      return true;
    });
  }

  private async commit(tmp: string, digest: string, record: () => Promise<boolean>, isReferenced: () => Promise<boolean>): Promise<boolean> {
    return this.locks.run(digest, async () => {
      if ((await this.sizeOf(digest)) === undefined) await rename(tmp, this.pathOf(digest));
      else await unlink(tmp);
      const recorded = await record();
      if (!recorded && !(await isReferenced())) await rm(this.pathOf(digest), { force: true });
      return recorded;
    });
  }
}

/** Hashes, counts and keeps the first bytes of what flows through; errors past the size limit. */
class IngestMeter extends Transform {
  bytes = 0;
  tooLarge = false;
  private readonly hash = createHash('sha256');
  private readonly headChunks: Buffer[] = [];
  private headBytes = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      this.tooLarge = true;
      callback(new BlobTooLargeError(this.maxBytes));
      return;
    }
    this.hash.update(chunk);
    if (this.headBytes < HEADER_BYTES) {
      const part = chunk.subarray(0, HEADER_BYTES - this.headBytes);
      this.headChunks.push(Buffer.from(part));
      this.headBytes += part.length;
    }
    callback(null, chunk);
  }

  digest(): string {
    return this.hash.digest('hex');
  }

  header(): Buffer {
    return Buffer.concat(this.headChunks);
  }
}

function isNotFound(error: unknown): boolean {
  return (error as { code?: string }).code === 'ENOENT';
}
