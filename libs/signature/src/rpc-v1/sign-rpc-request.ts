import { randomUUID } from 'node:crypto';
import { percentEncode } from '../percent-encode';
import { formatSignatureTimestamp } from '../timestamp';
import { RPC_SIGNATURE_METHOD, RPC_SIGNATURE_PARAM, RPC_SIGNATURE_VERSION, computeRpcSignature, type RpcParams } from './rpc-v1-signature';

export interface RpcSigningInput {
  readonly method: 'GET' | 'POST';
  /** The call's own parameters, Action and Version included, already flat (`Tag.1.Key`). */
  readonly params: RpcParams;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** Defaults to a random UUID; pass one only to reproduce a request. */
  readonly nonce?: string;
  /** Defaults to now. */
  readonly timestamp?: Date;
}

/**
 * The full, signed parameter set of an RPC v1 request, as @alicloud/pop-core builds it: the common
 * parameters (Format, Timestamp, SignatureMethod, SignatureVersion, SignatureNonce, AccessKeyId) are
 * added first, so the caller's own parameters win, then Signature is computed over all of them.
 */
export function signRpcRequest(input: RpcSigningInput): Record<string, string> {
  const signed: Record<string, string> = {
    Format: 'JSON',
    Timestamp: formatSignatureTimestamp(input.timestamp ?? new Date()),
    SignatureMethod: RPC_SIGNATURE_METHOD,
    SignatureVersion: RPC_SIGNATURE_VERSION,
    SignatureNonce: input.nonce ?? randomUUID(),
    AccessKeyId: input.accessKeyId,
  };
  for (const key of Object.keys(input.params)) defineParam(signed, key, input.params[key]);
  defineParam(signed, RPC_SIGNATURE_PARAM, computeRpcSignature(input.method, signed, input.accessKeySecret));
  return signed;
}

/** `k=v&…` with both sides percent-encoded: the query string of a GET or the body of a form POST. */
export function encodeRpcParams(params: RpcParams): string {
  return Object.keys(params)
    .map((key) => percentEncode(key) + '=' + percentEncode(params[key]))
    .join('&');
}

// A plain assignment of "__proto__" would change the prototype instead of adding a parameter.
function defineParam(target: Record<string, string>, key: string, value: string): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
