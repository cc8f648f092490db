import type { Cache } from '@ecs/cache';
import type { Caller, CredentialStore } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';
import type { GatewayConfig } from '../gateway-config';
import type { RpcParams } from '../request/form-decoding';
import { emptyParams } from '../request/form-decoding';
import { parseRpcRequest } from '../request/parse-rpc-request';
import type { ParsedRpcRequest } from '../request/parsed-rpc-request';
import type { RawRpcRequest } from '../request/raw-rpc-request';
import { acs3Claims, verifyAcs3 } from './acs3-scheme';
import { AccessKeyThrottle } from './access-key-throttle';
import { NonceGuard } from './nonce-guard';
import { rpcV1Claims, verifyRpcV1 } from './rpc-v1-scheme';
import type { SignatureClaims } from './signature-claims';
import { TimestampWindow } from './timestamp-window';

/** Parameters that belong to the signature or the envelope, not to the action. */
const COMMON_PARAMS = new Set([
  'Signature',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'SignatureType',
  'Timestamp',
  'AccessKeyId',
  'Format',
  'Action',
  'Version',
]);

export interface AuthenticatedRpcRequest {
  readonly caller: Caller;
  readonly action: string;
  readonly version: string;
  readonly regionId: string | undefined;
  /** The action's own parameters: everything received minus the common ones (RegionId stays). */
  readonly params: Readonly<Record<string, string>>;
}

export interface RequestAuthenticatorDeps {
  readonly credentials: CredentialStore;
  readonly cache: Cache;
  readonly config: Pick<GatewayConfig, 'timestampWindowMs' | 'throttlePerSecond'>;
  readonly now?: () => number;
}

/**
 * The gateway's whole admission check, free of any HTTP framework so a bare node:http server can
 * run exactly the same code. Cheap checks come first; the nonce is recorded only once the request is
 * known to be genuine and within its rate, so neither a forger nor a throttled retry can burn one.
 */
export class RequestAuthenticator {
  private readonly credentials: CredentialStore;
  private readonly timestamps: TimestampWindow;
  private readonly throttle: AccessKeyThrottle;
  private readonly nonces: NonceGuard;

  constructor(deps: RequestAuthenticatorDeps) {
    this.credentials = deps.credentials;
    this.timestamps = new TimestampWindow(deps.config.timestampWindowMs, deps.now);
    this.throttle = new AccessKeyThrottle(deps.cache, deps.config.throttlePerSecond);
    this.nonces = new NonceGuard(deps.cache, deps.config.timestampWindowMs);
  }

  /** Resolves to the verified request, or rejects with the EcsError to answer. */
  async authenticate(raw: RawRpcRequest): Promise<AuthenticatedRpcRequest> {
    const request = parseRpcRequest(raw);
    const claims = claimsOf(request);
    this.timestamps.assertFresh(claims.timestamp);
    const key = await this.credentials.findAccessKey(claims.accessKeyId);
    if (!key) throw new EcsError('InvalidAccessKeyId.NotFound');
    if (!key.enabled) throw new EcsError('InvalidAccessKeyId.Inactive');
    verifySignature(request, key.accessKeySecret);
    await this.throttle.assertAllowed(key.accessKeyId);
    await this.nonces.assertUnused(key.accessKeyId, claims.nonce);
    return {
      caller: { accountId: key.accountId, accessKeyId: key.accessKeyId },
      action: claims.action,
      version: claims.version,
      regionId: request.params['RegionId'],
      params: actionParams(request.params),
    };
  }
}

function claimsOf(request: ParsedRpcRequest): SignatureClaims {
  const { signature } = request;
  switch (signature.kind) {
    case 'rpc-v1':
      return rpcV1Claims(request);
    case 'acs3':
      return acs3Claims(request, signature.authorization);
  }
}

function verifySignature(request: ParsedRpcRequest, accessKeySecret: string): void {
  const { signature } = request;
  switch (signature.kind) {
    case 'rpc-v1':
      return verifyRpcV1(request, accessKeySecret);
    case 'acs3':
      return verifyAcs3(request, signature.authorization, accessKeySecret);
  }
}

function actionParams(all: RpcParams): RpcParams {
  const params = emptyParams();
  for (const key in all) {
    if (!COMMON_PARAMS.has(key)) params[key] = all[key];
  }
  return params;
}
