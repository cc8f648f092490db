/** Who made a tenant request, as established by the gateway (never taken from client headers). */
export interface Caller {
  readonly accountId: string;
  readonly accessKeyId: string;
}

/**
 * One authenticated tenant API call as it travels gateway → api-proxy → business.
 * `params` are the RPC parameters exactly as sent (flat, `Tag.1.Key` style), minus the signature's own.
 */
export interface ApiCall {
  readonly requestId: string;
  readonly action: string;
  readonly version: string;
  readonly regionId: string | undefined;
  readonly params: Readonly<Record<string, string>>;
  readonly caller: Caller;
  readonly sourceIp: string;
}

/** The response body of a successful call, without RequestId (the gateway adds it). */
export type ApiResult = Record<string, unknown>;

/** Each hop on the request path implements this: the gateway calls the proxy, the proxy a region's business. */
export interface ApiDispatcher {
  dispatch(call: ApiCall): Promise<ApiResult>;
}

export const API_DISPATCHER = Symbol('ApiDispatcher');
