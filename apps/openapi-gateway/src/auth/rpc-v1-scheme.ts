import { EcsError } from '@ecs/domain';
import { RPC_SIGNATURE_METHOD, RPC_SIGNATURE_VERSION, verifyRpcSignature } from '@ecs/signature';
import type { ParsedRpcRequest } from '../request/parsed-rpc-request';
import { required } from './required';
import type { SignatureClaims } from './signature-claims';

/** RPC HMAC-SHA1 v1: everything, the signature included, travels as parameters. */
export function rpcV1Claims({ params }: ParsedRpcRequest): SignatureClaims {
  const accessKeyId = params['AccessKeyId'];
  if (!accessKeyId || !params['Signature']) {
    throw new EcsError('IncompleteSignature', 'The request must carry AccessKeyId and Signature, or an ACS3 Authorization header.');
  }
  const method = params['SignatureMethod'];
  if (method !== RPC_SIGNATURE_METHOD) throw new EcsError('UnsupportedSignatureMethod', `SignatureMethod must be ${RPC_SIGNATURE_METHOD}.`);
  if (params['SignatureVersion'] !== RPC_SIGNATURE_VERSION) throw new EcsError('IncompleteSignature', `SignatureVersion must be ${RPC_SIGNATURE_VERSION}.`);
  return {
    accessKeyId,
    action: required(params['Action'], 'Action'),
    version: required(params['Version'], 'Version'),
    timestamp: required(params['Timestamp'], 'Timestamp'),
    nonce: required(params['SignatureNonce'], 'SignatureNonce'),
  };
}

export function verifyRpcV1(request: ParsedRpcRequest, accessKeySecret: string): void {
  if (!verifyRpcSignature({ method: request.method, params: request.params, accessKeySecret })) throw new EcsError('SignatureDoesNotMatch');
}
