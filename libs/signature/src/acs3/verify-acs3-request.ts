import { constantTimeEquals } from '../constant-time';
import type { Acs3Authorization } from './acs3-authorization';
import {
  ACS3_HMAC_SHA256,
  ACS3_REQUIRED_SIGNED_HEADERS,
  buildAcs3CanonicalRequest,
  computeAcs3Signature,
  hashAcs3Payload,
  headerValue,
  type HeaderBag,
  type SignedHeader,
} from './acs3-canonical-request';

export interface Acs3Verification {
  readonly method: string;
  /** The path exactly as received. */
  readonly canonicalUri: string;
  /** Decoded query parameters (not the form body: the body is covered by its hash). */
  readonly query: Readonly<Record<string, string>>;
  readonly headers: HeaderBag;
  /** The body bytes actually received (empty when there is none). */
  readonly body: Uint8Array;
  readonly authorization: Acs3Authorization;
  readonly accessKeySecret: string;
}

export type Acs3Rejection =
  /** The algorithm is not ACS3-HMAC-SHA256. */
  | { readonly reason: 'unsupported-algorithm'; readonly algorithm: string }
  /** A header the verifier relies on is not among SignedHeaders. */
  | { readonly reason: 'unsigned-header'; readonly header: string }
  /** SignedHeaders names a header the request does not carry. */
  | { readonly reason: 'missing-header'; readonly header: string }
  /** x-acs-content-sha256 is not the hash of the body received. */
  | { readonly reason: 'payload-hash-mismatch' }
  | { readonly reason: 'signature-mismatch' };

export type Acs3Verdict = { readonly valid: true } | ({ readonly valid: false } & Acs3Rejection);

export function verifyAcs3Request(input: Acs3Verification): Acs3Verdict {
  const { authorization } = input;
  if (authorization.algorithm !== ACS3_HMAC_SHA256) return { valid: false, reason: 'unsupported-algorithm', algorithm: authorization.algorithm };
  for (const header of ACS3_REQUIRED_SIGNED_HEADERS) {
    if (!authorization.signedHeaders.includes(header)) return { valid: false, reason: 'unsigned-header', header };
  }
  const signedHeaders: SignedHeader[] = [];
  for (const name of authorization.signedHeaders) {
    const value = headerValue(input.headers, name);
    if (value === undefined) return { valid: false, reason: 'missing-header', header: name };
    signedHeaders.push({ name, value });
  }
  const hashedPayload = signedHeaders.find((header) => header.name === 'x-acs-content-sha256')?.value.trim() ?? '';
  if (!constantTimeEquals(hashAcs3Payload(input.body), hashedPayload)) return { valid: false, reason: 'payload-hash-mismatch' };
  const canonicalRequest = buildAcs3CanonicalRequest({
    method: input.method,
    canonicalUri: input.canonicalUri,
    query: input.query,
    signedHeaders,
    hashedPayload,
  });
  const expected = computeAcs3Signature(canonicalRequest, input.accessKeySecret);
  return constantTimeEquals(expected, authorization.signature) ? { valid: true } : { valid: false, reason: 'signature-mismatch' };
}
