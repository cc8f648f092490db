import { createHmac } from 'node:crypto';
import { constantTimeEquals } from '../constant-time';
import { percentEncode } from '../percent-encode';

export const RPC_SIGNATURE_METHOD = 'HMAC-SHA1';
export const RPC_SIGNATURE_VERSION = '1.0';
/** The parameter that carries the signature; it is the one parameter the signature cannot cover. */
export const RPC_SIGNATURE_PARAM = 'Signature';

export type RpcParams = Readonly<Record<string, string>>;

/**
 * `k=v&…` over every parameter except Signature, sorted by raw key in UTF-16 code-unit order (what
 * @alicloud/pop-core does with Array.prototype.sort), keys and values percent-encoded.
 */
export function canonicalizeRpcParams(params: RpcParams): string {
  const keys = Object.keys(params)
    .filter((key) => key !== RPC_SIGNATURE_PARAM)
    .sort();
  let canonical = '';
  for (const key of keys) {
    if (canonical !== '') canonical += '&';
    canonical += percentEncode(key) + '=' + percentEncode(params[key]);
  }
  return canonical;
}

export function rpcStringToSign(method: string, params: RpcParams): string {
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonicalizeRpcParams(params))}`;
}

/** Base64 HMAC-SHA1 of the string to sign, keyed with `secret + '&'` (the empty token secret). */
export function computeRpcSignature(method: string, params: RpcParams, accessKeySecret: string): string {
  return createHmac('sha1', accessKeySecret + '&').update(rpcStringToSign(method, params), 'utf8').digest('base64');
}

export interface RpcVerification {
  /** The HTTP method the request arrived with. */
  readonly method: string;
  /** Every RPC parameter received (query and form body together), Signature included. */
  readonly params: RpcParams;
  readonly accessKeySecret: string;
}

/** True when the request's `Signature` parameter is the one the secret produces for the other parameters. */
export function verifyRpcSignature({ method, params, accessKeySecret }: RpcVerification): boolean {
  const presented = params[RPC_SIGNATURE_PARAM];
  if (presented === undefined) return false;
  return constantTimeEquals(computeRpcSignature(method, params, accessKeySecret), presented);
}
