import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { IMAGE_BLOB_PATH_PREFIX, type ImageManifest } from '@ecs/contracts';
import type { Logger } from '@ecs/observability';
import type { ImageRepository } from '@ecs/persistence';
import type { BlobStore } from '../blob-store/blob-store';
import { isSha256Hex } from '../blob-store/digest';
import type { RegionStores } from '../image-center-deps';
import { hasBearerToken } from './bearer-token';
import { parseRange } from './byte-range';

export interface BlobServerOptions {
  readonly stores: RegionStores;
  readonly images: ImageRepository;
  /** Shared with the host agents. */
  readonly token: string;
  readonly log: Logger;
}

const MANIFEST_PATH = /^\/v1\/images\/([^/]{1,256})\/manifest$/;

/**
 * The endpoint host agents pull images from (see ImageManifest in libs/contracts): manifests and
 * blobs, behind a bearer token. Blobs are immutable, so they stream straight from the store with
 * Range support (an agent resumes an interrupted pull) and a strong ETag.
 */
export function createBlobServer(options: BlobServerOptions): Server {
  const server = createServer((request, response) => {
    serve(options, request, response).catch((error: unknown) => {
      // Once the body has started, a failure is usually the agent hanging up; it resumes with a Range.
      if (response.headersSent) {
        options.log.debug('blob transfer ended early', { path: request.url, error });
        response.destroy();
        return;
      }
      options.log.error('blob request failed', { path: request.url, error });
      sendError(response, 500, 'InternalError', 'The request failed.');
    });
  });
  server.headersTimeout = 10_000;
  return server;
}

async function serve(options: BlobServerOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (!hasBearerToken(request.headers.authorization, options.token)) {
    response.setHeader('www-authenticate', 'Bearer');
    return sendError(response, 401, 'Unauthorized', 'A valid bearer token is required.');
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('allow', 'GET, HEAD');
    return sendError(response, 405, 'MethodNotAllowed', 'Only GET and HEAD are served.');
  }
  const path = new URL(request.url ?? '/', 'http://blob.invalid').pathname;
  const manifest = MANIFEST_PATH.exec(path);
  const imageId = manifest ? safeDecode(manifest[1]) : undefined;
  if (imageId !== undefined) return serveManifest(options, imageId, request, response);
  if (path.startsWith(IMAGE_BLOB_PATH_PREFIX)) return serveBlob(options, path.slice(IMAGE_BLOB_PATH_PREFIX.length), request, response);
  sendError(response, 404, 'NotFound', 'No such resource.');
}

async function serveManifest(options: BlobServerOptions, imageId: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const image = await options.images.get(imageId);
  if (image === undefined || image.status !== 'Available' || image.blobDigest === undefined || image.sizeBytes === undefined || image.diskFormat === undefined) {
    return sendError(response, 404, 'NotFound', 'The image does not exist or has no content.');
  }
  const body: ImageManifest = { imageId: image.imageId, digest: image.blobDigest, sizeBytes: image.sizeBytes, format: image.diskFormat };
  const text = JSON.stringify(body);
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  response.end(request.method === 'HEAD' ? undefined : text);
}

async function serveBlob(options: BlobServerOptions, digest: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const found = isSha256Hex(digest) ? await locate(options.stores.all(), digest) : undefined;
  if (found === undefined) return sendError(response, 404, 'NotFound', 'No such blob.');
  const { store, size } = found;
  const headers = { 'accept-ranges': 'bytes', etag: `"sha256:${digest}"`, 'cache-control': 'private, max-age=31536000, immutable', 'content-type': 'application/octet-stream' };
  const wanted = parseRange(request.headers.range, size);
  switch (wanted.kind) {
    case 'unsatisfiable':
      response.writeHead(416, { ...headers, 'content-range': `bytes */${size}`, 'content-length': 0 });
      response.end();
      return;
    case 'whole':
      response.writeHead(200, { ...headers, 'content-length': size });
      if (request.method === 'HEAD' || size === 0) return void response.end();
      return pipeline(store.read(digest), response);
    case 'range': {
      const { start, end } = wanted.range;
      response.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${end}/${size}`, 'content-length': end - start + 1 });
      if (request.method === 'HEAD') return void response.end();
      return pipeline(store.read(digest, wanted.range), response);
    }
  }
}

async function locate(stores: readonly BlobStore[], digest: string): Promise<{ store: BlobStore; size: number } | undefined> {
  for (const store of stores) {
    const size = await store.sizeOf(digest);
    if (size !== undefined) return { store, size };
  }
  return undefined;
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function sendError(response: ServerResponse, status: number, code: string, message: string): void {
  const body = JSON.stringify({ Code: code, Message: message });
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}
