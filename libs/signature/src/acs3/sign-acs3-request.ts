import { randomUUID } from 'node:crypto';
import { formatSignatureTimestamp } from '../timestamp';
import { formatAcs3Authorization } from './acs3-authorization';
import { ACS3_HMAC_SHA256, buildAcs3CanonicalRequest, computeAcs3Signature, hashAcs3Payload } from './acs3-canonical-request';

export interface Acs3SigningInput {
  readonly method: 'GET' | 'POST';
  /** The Host header exactly as it will be sent (`ecs.example.internal` or `127.0.0.1:8080`). */
  readonly host: string;
  readonly action: string;
  readonly version: string;
  /** The path as it will be sent; RPC calls use `/`. */
  readonly pathname?: string;
  /** Decoded query parameters; the caller encodes them into the URL (see encodeRpcParams). */
  readonly query?: Readonly<Record<string, string>>;
  /** The exact body bytes and their content type, for a form POST. */
  readonly body?: { readonly contentType: string; readonly payload: string | Uint8Array };
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** Defaults to a random UUID; pass one only to reproduce a request. */
  readonly nonce?: string;
  /** Defaults to now. */
  readonly date?: Date;
}

/**
 * The headers of an ACS3-HMAC-SHA256 request, Authorization included, signed the way
 * @alicloud/openapi-core signs them: host, content-type and every x-acs-* header.
 */
export function signAcs3Request(input: Acs3SigningInput): Record<string, string> {
  const hashedPayload = hashAcs3Payload(input.body?.payload ?? '');
  const headers: Record<string, string> = {
    host: input.host,
    'x-acs-action': input.action,
    'x-acs-content-sha256': hashedPayload,
    'x-acs-date': formatSignatureTimestamp(input.date ?? new Date()),
    'x-acs-signature-nonce': input.nonce ?? randomUUID(),
    'x-acs-version': input.version,
  };
  if (input.body) headers['content-type'] = input.body.contentType;
  const names = Object.keys(headers).sort();
  const canonicalRequest = buildAcs3CanonicalRequest({
    method: input.method,
    canonicalUri: input.pathname ?? '/',
    query: input.query ?? {},
    signedHeaders: names.map((name) => ({ name, value: headers[name] })),
    hashedPayload,
  });
  const signature = computeAcs3Signature(canonicalRequest, input.accessKeySecret);
  headers['authorization'] = formatAcs3Authorization({ algorithm: ACS3_HMAC_SHA256, accessKeyId: input.accessKeyId, signedHeaders: names, signature });
  return headers;
}
