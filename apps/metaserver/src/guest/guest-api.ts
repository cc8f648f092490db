import type { IncomingHttpHeaders } from 'node:http';
import { METADATA_TOKEN_HEADER, METADATA_TOKEN_TTL_HEADER, type InstanceMetadataSource } from '@ecs/contracts';
import { lookup, metadataTree, type IdentityDocumentSigner } from './metadata-tree';
import { parseTokenTtl, type SessionTokens } from './session-tokens';

export interface GuestRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

export interface GuestResponse {
  readonly status: number;
  readonly body: Buffer;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface GuestApiDeps {
  readonly source: InstanceMetadataSource;
  readonly tokens: SessionTokens;
  readonly signer: IdentityDocumentSigner;
}

const TOKEN_PATH = '/latest/api/token';

/**
 * One guest request, for the instance whose socket it arrived on (`instanceId` comes from the
 * socket, never from the request). Token mode only:
 * - `PUT /latest/api/token` with a TTL of 1–21600 s → a token (400 without a valid TTL; 403 when
 *   the request carries X-Forwarded-For, i.e. was relayed by a proxy inside the guest's network);
 * - every `GET` needs a valid token of this instance (401 otherwise) and reads the metadata tree.
 */
export async function answerGuest(instanceId: string, request: GuestRequest, deps: GuestApiDeps): Promise<GuestResponse> {
  const path = pathOf(request.url);
  if (path === TOKEN_PATH) {
    if (request.method !== 'PUT') return plain(405, 'Method Not Allowed', { allow: 'PUT' });
    if (request.headers['x-forwarded-for'] !== undefined) return plain(403, 'Forbidden');
    const ttl = parseTokenTtl(request.headers[METADATA_TOKEN_TTL_HEADER]);
    if (ttl === undefined) return plain(400, 'Bad Request');
    if ((await deps.source.metadataFor(instanceId)) === undefined) return plain(404, 'Not Found');
    return plain(200, deps.tokens.mint(instanceId, ttl), { [METADATA_TOKEN_TTL_HEADER]: String(ttl) });
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method Not Allowed', { allow: 'GET, HEAD' });
  const token = request.headers[METADATA_TOKEN_HEADER];
  if (typeof token !== 'string' || !deps.tokens.isValid(instanceId, token)) return plain(401, 'Unauthorized');
  const metadata = await deps.source.metadataFor(instanceId);
  if (metadata === undefined) return plain(404, 'Not Found');
  const found = lookup(metadataTree(metadata, deps.signer), path);
  if (found.kind === 'not-found') return plain(404, 'Not Found');
  return { status: 200, body: found.body, headers: { 'content-type': found.kind === 'leaf' && path === '/latest/user-data' ? 'application/octet-stream' : 'text/plain; charset=utf-8' } };
}

/** The path without query or fragment; an absolute-form request target is reduced to its path. */
function pathOf(url: string): string {
  try {
    return new URL(url, 'http://metadata.invalid').pathname;
  } catch {
    return '/';
  }
}

function plain(status: number, text: string, headers: Record<string, string> = {}): GuestResponse {
  return { status, body: Buffer.from(text, 'utf8'), headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } };
}
