import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { AddressPolicy } from './address-policy';
import { resolveImportUrl, type ResolvedImportUrl } from './guarded-url';
import { ImportSourceError } from './import-source-errors';

export interface UrlSourceOptions {
  readonly policy: AddressPolicy;
  readonly maxBytes: number;
  readonly signal: AbortSignal;
  /** A connection that sends nothing for this long is given up. */
  readonly idleTimeoutMs: number;
}

const MAX_REDIRECTS = 5;
const USER_AGENT = 'ecs-image-center/1';

/**
 * Opens an import URL behind the SSRF guard: each hop (the URL, then every redirect target) is
 * resolved and checked afresh and the connection is pinned to the checked address. Only a 200
 * answer is read; a Content-Length over the limit is refused before any byte is stored.
 */
export async function openImportUrl(url: URL, options: UrlSourceOptions): Promise<IncomingMessage> {
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const response = await get(await resolveImportUrl(current, options.policy), options);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status >= 300 && status < 400 && location !== undefined) {
      response.resume();
      current = redirectTarget(current, location);
      continue;
    }
    if (status !== 200) {
      response.resume();
      throw new ImportSourceError(`the server answered HTTP ${status}`);
    }
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      response.destroy();
      throw new ImportSourceError(`the image is larger than the limit of ${options.maxBytes} bytes`);
    }
    return response;
  }
  throw new ImportSourceError(`more than ${MAX_REDIRECTS} redirects`);
}

function redirectTarget(from: URL, location: string): URL {
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    throw new ImportSourceError('the server redirected to an invalid URL');
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new ImportSourceError('the server redirected to a URL that is not http or https');
  if (target.username !== '' || target.password !== '') throw new ImportSourceError('the server redirected to a URL with credentials');
  return target;
}

function get(target: ResolvedImportUrl, options: UrlSourceOptions): Promise<IncomingMessage> {
  // Every connection goes to the address the guard checked, whatever the name resolves to by now.
  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(target.url, { method: 'GET', lookup: pinned, signal: options.signal, headers: { 'user-agent': USER_AGENT, accept: '*/*' } }, resolve);
    request.setTimeout(options.idleTimeoutMs, () => request.destroy(new ImportSourceError('the server stopped sending')));
    request.on('error', (error) => reject(error instanceof ImportSourceError ? error : connectionError(error, options.signal)));
    request.end();
  });
}

function connectionError(error: Error, signal: AbortSignal): ImportSourceError {
  if (signal.aborted) return new ImportSourceError('the import took longer than allowed');
  const code = (error as { code?: string }).code;
  return new ImportSourceError(`the connection failed${code ? ` (${code})` : ''}`);
}
