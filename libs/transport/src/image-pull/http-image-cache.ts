import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { imageBlobPath, imageManifestPath, type ImageCache, type ImageManifest } from '@ecs/contracts';
import type { EndpointSource } from '../client/endpoint-source';

interface HttpImageCacheCommonOptions {
  readonly token: string;
  /** Owned by this cache: `blobs/<digest>`, `images/<imageId>` (its digest), `partial/<digest>`. */
  readonly cacheDir: string;
  /** A transfer that sends nothing for this long is given up (default 60 s). */
  readonly idleTimeoutMs?: number;
}

/**
 * Where the image center's blob endpoint is: one fixed URL (e.g. `http://10.0.0.5:8084`, the
 * all-in-one's own), or the endpoints discovery finds (a cluster), the first of which is asked.
 */
export type HttpImageCacheOptions = HttpImageCacheCommonOptions & ({ readonly blobUrl: string } | { readonly blobEndpoints: EndpointSource });

/** The image could not be pulled; the message is for logs and the domain's failure detail. */
export class ImagePullError extends Error {
  constructor(imageId: string, why: string) {
    super(`image ${imageId}: ${why}`);
    this.name = 'ImagePullError';
  }
}

const IMAGE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

/**
 * A hypervisor host's image cache: pulls an image from the image center on first use, verifies its
 * SHA-256, and keeps it under its digest, so images with equal content share one file. A pull cut
 * off halfway resumes with a Range request. Concurrent asks for one image share one pull. Files are
 * never changed once in place, as qcow2 overlays of running domains point at them.
 */
export class HttpImageCache implements ImageCache {
  private readonly pulls = new Map<string, Promise<string>>();
  /** By digest: two images with equal content must not write one partial file at the same time. */
  private readonly downloads = new Map<string, Promise<void>>();
  private readonly idleTimeoutMs: number;

  constructor(private readonly options: HttpImageCacheOptions) {
    this.idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  }

  async open(): Promise<void> {
    for (const dir of ['blobs', 'images', 'partial']) await mkdir(join(this.options.cacheDir, dir), { recursive: true, mode: 0o700 });
  }

  pathFor(imageId: string): Promise<string> {
    if (!IMAGE_ID.test(imageId)) return Promise.reject(new ImagePullError(imageId, 'not a valid image id'));
    const running = this.pulls.get(imageId);
    if (running) return running;
    const pull = this.pull(imageId).finally(() => this.pulls.delete(imageId));
    this.pulls.set(imageId, pull);
    return pull;
  }

  async cachedImageIds(): Promise<string[]> {
    const held: string[] = [];
    for (const imageId of await readdir(join(this.options.cacheDir, 'images'))) {
      const digest = await this.indexedDigest(imageId);
      if (digest !== undefined && (await exists(this.blobPath(digest)))) held.push(imageId);
    }
    return held.sort();
  }

  private async pull(imageId: string): Promise<string> {
    const indexed = await this.indexedDigest(imageId);
    if (indexed !== undefined && (await exists(this.blobPath(indexed)))) return this.blobPath(indexed);
    const manifest = await this.manifest(imageId);
    if (!(await exists(this.blobPath(manifest.digest)))) await this.downloadOnce(manifest);
    await writeFile(join(this.options.cacheDir, 'images', imageId), manifest.digest, { mode: 0o600 });
    return this.blobPath(manifest.digest);
  }

  private async manifest(imageId: string): Promise<ImageManifest> {
    const response = await this.get(imageManifestPath(imageId), undefined);
    if (response.statusCode !== 200) {
      response.resume();
      throw new ImagePullError(imageId, `the image center answered HTTP ${response.statusCode ?? 0} for its manifest`);
    }
    const chunks: Buffer[] = [];
    for await (const chunk of response) chunks.push(chunk as Buffer);
    const manifest = parseJson(Buffer.concat(chunks).toString('utf8'));
    if (manifest === undefined || typeof manifest.digest !== 'string' || !isSha256Hex(manifest.digest) || typeof manifest.sizeBytes !== 'number' || manifest.imageId !== imageId) {
      throw new ImagePullError(imageId, 'the image center sent a malformed manifest');
    }
    return manifest as ImageManifest;
  }

  private downloadOnce(manifest: ImageManifest): Promise<void> {
    const running = this.downloads.get(manifest.digest);
    if (running) return running;
    const download = this.download(manifest).finally(() => this.downloads.delete(manifest.digest));
    this.downloads.set(manifest.digest, download);
    return download;
  }

  /** Into `partial/<digest>`, resuming what an earlier pull left; renamed into place only once verified. */
  private async download(manifest: ImageManifest): Promise<void> {
    const partial = join(this.options.cacheDir, 'partial', manifest.digest);
    let have = await sizeOf(partial);
    if (have > manifest.sizeBytes) have = 0;
    const hash = createHash('sha256');
    if (have < manifest.sizeBytes) {
      const response = await this.get(imageBlobPath(manifest.digest), have > 0 ? `bytes=${have}-` : undefined);
      // A 200 (to a Range request, too) carries the whole content from its first byte.
      if (response.statusCode === 200) have = 0;
      else if (response.statusCode !== 206) {
        response.resume();
        throw new ImagePullError(manifest.imageId, `the image center answered HTTP ${response.statusCode ?? 0} for its content`);
      }
      if (have > 0) await hashFile(partial, hash);
      await pipeline(response, new HashTap(hash), createWriteStream(partial, { flags: have > 0 ? 'a' : 'w', mode: 0o600 }));
    } else {
      await hashFile(partial, hash);
    }
    await this.verifyAndPlace(manifest, partial, hash);
  }

  private async verifyAndPlace(manifest: ImageManifest, partial: string, hash: Hash): Promise<void> {
    const size = await sizeOf(partial);
    if (size !== manifest.sizeBytes || hash.digest('hex') !== manifest.digest) {
      await rm(partial, { force: true });
      throw new ImagePullError(manifest.imageId, 'the pulled content does not match its digest');
    }
    await rename(partial, this.blobPath(manifest.digest));
  }

  private get(path: string, range: string | undefined): Promise<IncomingMessage> {
    const base = 'blobUrl' in this.options ? this.options.blobUrl : this.options.blobEndpoints.endpoints()[0];
    if (base === undefined) return Promise.reject(new Error('no image center is registered'));
    const url = new URL(path, base);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const request = send(url, { headers: { authorization: `Bearer ${this.options.token}`, ...(range !== undefined && { range }) } }, resolve);
      request.setTimeout(this.idleTimeoutMs, () => request.destroy(new Error('the image center stopped sending')));
      request.on('error', reject);
      request.end();
    });
  }

  private async indexedDigest(imageId: string): Promise<string | undefined> {
    if (!IMAGE_ID.test(imageId)) return undefined;
    try {
      const digest = (await readFile(join(this.options.cacheDir, 'images', imageId), 'utf8')).trim();
      return isSha256Hex(digest) ? digest : undefined;
    } catch {
      return undefined;
    }
  }

  private blobPath(digest: string): string {
    return join(this.options.cacheDir, 'blobs', digest);
  }
}

function isSha256Hex(value: string): boolean {
  return SHA256_HEX.test(value);
}

function parseJson(text: string): Partial<ImageManifest> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Feeds what flows through into a hash. */
class HashTap extends Transform {
  constructor(private readonly hash: Hash) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    callback(null, chunk);
  }
}

async function hashFile(path: string, hash: Hash): Promise<void> {
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
