import { createHash, createHmac } from 'node:crypto';
import { percentEncode } from '../percent-encode';

export const ACS3_HMAC_SHA256 = 'ACS3-HMAC-SHA256';

/**
 * Headers the verifier insists are covered by the signature: without them a captured request could be
 * replayed against another host, as another action, or with a fresh date, nonce or body.
 */
export const ACS3_REQUIRED_SIGNED_HEADERS = [
  'host',
  'x-acs-action',
  'x-acs-content-sha256',
  'x-acs-date',
  'x-acs-signature-nonce',
  'x-acs-version',
] as const;

/** Request headers keyed by lower-case name, as node:http delivers them. */
export type HeaderBag = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface SignedHeader {
  readonly name: string;
  readonly value: string;
}

export interface Acs3CanonicalRequestParts {
  readonly method: string;
  /** The request path as sent on the wire (already percent-encoded); `/` for RPC. */
  readonly canonicalUri: string;
  /** Decoded query parameters. */
  readonly query: Readonly<Record<string, string>>;
  /** Lower-case names with their values, in the order they are signed. */
  readonly signedHeaders: readonly SignedHeader[];
  /** Hex SHA-256 of the body, the value of x-acs-content-sha256. */
  readonly hashedPayload: string;
}

export function hashAcs3Payload(payload: string | Uint8Array): string {
  return createHash('sha256').update(payload).digest('hex');
}

/**
 * Sorted by raw key as @alicloud/openapi-core sorts them. The SDK leaves keys unencoded; this encodes
 * them too, as the ACS3 specification says. Both agree for every ECS parameter name (letters, digits,
 * dots) and encoding keeps `a=1&b` from signing the same as `a` = `1&b`.
 */
export function canonicalizeAcs3Query(query: Readonly<Record<string, string>>): string {
  const keys = Object.keys(query).sort();
  let canonical = '';
  for (const key of keys) {
    if (canonical !== '') canonical += '&';
    canonical += percentEncode(key) + '=' + percentEncode(query[key]);
  }
  return canonical;
}

/** The header's value, duplicates joined by commas; names come from the client, so only own entries count. */
export function headerValue(headers: HeaderBag, name: string): string | undefined {
  if (!Object.hasOwn(headers, name)) return undefined;
  const value = headers[name];
  if (typeof value === 'string') return value;
  return Array.isArray(value) ? value.join(',') : undefined;
}

export function buildAcs3CanonicalRequest(parts: Acs3CanonicalRequestParts): string {
  let canonicalHeaders = '';
  let names = '';
  for (const { name, value } of parts.signedHeaders) {
    canonicalHeaders += `${name}:${value.trim()}\n`;
    names += names === '' ? name : ';' + name;
  }
  return [parts.method.toUpperCase(), parts.canonicalUri, canonicalizeAcs3Query(parts.query), canonicalHeaders, names, parts.hashedPayload].join('\n');
}

export function acs3StringToSign(canonicalRequest: string): string {
  return `${ACS3_HMAC_SHA256}\n${createHash('sha256').update(canonicalRequest, 'utf8').digest('hex')}`;
}

export function computeAcs3Signature(canonicalRequest: string, accessKeySecret: string): string {
  return createHmac('sha256', accessKeySecret).update(acs3StringToSign(canonicalRequest), 'utf8').digest('hex');
}
