import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { AddressPolicy } from './address-policy';
import { ImportSourceError, MalformedImportUrlError, RefusedImportAddressError } from './import-source-errors';

export const MAX_IMPORT_URL_LENGTH = 2048;

/** A URL whose host resolved only to permitted addresses, and the address to connect to. */
export interface ResolvedImportUrl {
  readonly url: URL;
  readonly address: string;
  readonly family: 4 | 6;
}

/** Only http(s), with a host, without credentials (they would end up in logs and in the catalog). */
export function parseImportUrl(text: string): URL {
  if (text.length > MAX_IMPORT_URL_LENGTH) throw new MalformedImportUrlError(`the URL is longer than ${MAX_IMPORT_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new MalformedImportUrlError('not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new MalformedImportUrlError('only http and https URLs are imported');
  if (url.username !== '' || url.password !== '') throw new MalformedImportUrlError('URLs with credentials are not accepted; use a pre-signed URL');
  if (url.hostname === '') throw new MalformedImportUrlError('the URL has no host');
  return url;
}

/**
 * Resolves the host and requires every address it resolves to to be permitted: a name with one
 * private address among public ones is refused whole. The caller connects to the returned address
 * (never resolving again), so a DNS answer that changes between check and connect cannot slip by.
 */
export async function resolveImportUrl(url: URL, policy: AddressPolicy): Promise<ResolvedImportUrl> {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const addresses = isIP(host) !== 0 ? [{ address: host, family: isIP(host) }] : await resolveAll(host);
  if (addresses.length === 0 || addresses.some((entry) => !policy.permits(entry.address))) throw new RefusedImportAddressError(url.hostname);
  const [first] = addresses;
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}

async function resolveAll(host: string): Promise<Array<{ address: string; family: number }>> {
  try {
    return await lookup(host, { all: true, verbatim: true });
  } catch {
    throw new ImportSourceError(`the host ${host} could not be resolved`);
  }
}
