import type { IncomingHttpHeaders } from 'node:http';
import { EcsError } from '@ecs/domain';
import { ACS3_HMAC_SHA256, verifyAcs3Request, type Acs3Authorization } from '@ecs/signature';
import type { ParsedRpcRequest } from '../request/parsed-rpc-request';
import { required } from './required';
import type { SignatureClaims } from './signature-claims';

/** ACS3-HMAC-SHA256: Action, Version, date and nonce travel as signed x-acs-* headers. */
export function acs3Claims(request: ParsedRpcRequest, authorization: Acs3Authorization): SignatureClaims {
  if (authorization.algorithm !== ACS3_HMAC_SHA256) {
    throw new EcsError('UnsupportedSignatureMethod', `The signature algorithm must be ${ACS3_HMAC_SHA256}.`);
  }
  const { headers } = request;
  return {
    accessKeyId: authorization.accessKeyId,
    action: required(single(headers, 'x-acs-action'), 'Action'),
    version: required(single(headers, 'x-acs-version'), 'Version'),
    timestamp: required(single(headers, 'x-acs-date'), 'x-acs-date'),
    nonce: required(single(headers, 'x-acs-signature-nonce'), 'x-acs-signature-nonce'),
  };
}

export function verifyAcs3(request: ParsedRpcRequest, authorization: Acs3Authorization, accessKeySecret: string): void {
  const verdict = verifyAcs3Request({
    method: request.method,
    canonicalUri: request.path,
    query: request.query,
    headers: request.headers,
    body: request.body,
    authorization,
    accessKeySecret,
  });
  if (verdict.valid) return;
  switch (verdict.reason) {
    case 'unsupported-algorithm':
      throw new EcsError('UnsupportedSignatureMethod', `The signature algorithm must be ${ACS3_HMAC_SHA256}.`);
    case 'unsigned-header':
      throw new EcsError('IncompleteSignature', `The header ${verdict.header} must be signed.`);
    case 'missing-header':
      throw new EcsError('IncompleteSignature', `The signed header ${verdict.header} is not in the request.`);
    case 'payload-hash-mismatch':
      throw new EcsError('SignatureDoesNotMatch', 'x-acs-content-sha256 is not the SHA-256 of the request body.');
    case 'signature-mismatch':
      throw new EcsError('SignatureDoesNotMatch');
  }
}

function single(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
}
