import type { IncomingHttpHeaders } from 'node:http';
import type { Acs3Authorization } from '@ecs/signature';
import type { RpcParams } from './form-decoding';

export type RequestSignature = { readonly kind: 'rpc-v1' } | { readonly kind: 'acs3'; readonly authorization: Acs3Authorization };

/** A decoded request: what the signature schemes check and the API call is built from. */
export interface ParsedRpcRequest {
  readonly method: string;
  /** The path as received, still percent-encoded (ACS3 signs it that way). */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** Query parameters alone (ACS3 signs these; the body is covered by its hash). */
  readonly query: RpcParams;
  /** Query and form-body parameters together. */
  readonly params: RpcParams;
  readonly body: Buffer;
  readonly signature: RequestSignature;
}
