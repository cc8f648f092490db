import Ecs, * as $Ecs from '@alicloud/ecs20140526';
import * as $OpenApi from '@alicloud/openapi-client';
import RPCClient from '@alicloud/pop-core';

export interface Credentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

/** The official typed SDK (ACS3-HMAC-SHA256), pointed at our endpoint. */
export function ecsClient(gatewayUrl: string, credentials: Credentials): Ecs {
  const url = new URL(gatewayUrl);
  return new Ecs(
    new $OpenApi.Config({
      accessKeyId: credentials.accessKeyId,
      accessKeySecret: credentials.accessKeySecret,
      endpoint: url.host,
      protocol: 'http',
      regionId: 'cn-hangzhou',
      readTimeout: 30_000,
      connectTimeout: 5_000,
    }),
  );
}

/** The classic RPC client (HMAC-SHA1 v1 signatures in the parameters). */
export function popClient(gatewayUrl: string, credentials: Credentials): RPCClient {
  return new RPCClient({ ...credentials, endpoint: gatewayUrl, apiVersion: '2014-05-26' });
}

export { $Ecs };

/** The ECS error code an SDK call failed with (both SDKs expose it as `code`). */
export async function errorCodeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    const e = error as { code?: string; data?: { Code?: string } };
    return e.code ?? e.data?.Code ?? `unexpected: ${String(error)}`;
  }
  throw new Error('the call succeeded but an error was expected');
}

export async function errorOf(call: Promise<unknown>): Promise<{ code: string; message: string; statusCode?: number; data?: Record<string, unknown> }> {
  try {
    await call;
  } catch (error) {
    return error as { code: string; message: string; statusCode?: number; data?: Record<string, unknown> };
  }
  throw new Error('the call succeeded but an error was expected');
}
