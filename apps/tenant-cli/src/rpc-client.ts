import type { TenantCliConfig } from '@ecs/config';
import { encodeRpcParams, signRpcRequest } from '@ecs/signature';

export class EcsApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(`${String(body.Code)}: ${String(body.Message)}`);
  }
}

/** Signs with RPC HMAC-SHA1 v1 (the same library the gateway verifies with) and POSTs a form. */
export class RpcClient {
  constructor(private readonly config: TenantCliConfig) {}

  async call(action: string, params: Readonly<Record<string, string>>): Promise<Record<string, unknown>> {
    const signed = signRpcRequest({
      method: 'POST',
      params: { Action: action, Version: '2014-05-26', RegionId: this.config.regionId, ...params },
      accessKeyId: this.config.accessKeyId,
      accessKeySecret: this.config.accessKeySecret,
    });
    const response = await fetch(`${this.config.endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: encodeRpcParams(signed),
    });
    const body = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new EcsApiError(response.status, body);
    return body;
  }
}
