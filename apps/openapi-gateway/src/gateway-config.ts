export interface GatewayConfig {
  /** How far a request's Timestamp / x-acs-date may lie from the server clock, either way. */
  readonly timestampWindowMs: number;
  /** Requests per second allowed per AccessKey. */
  readonly throttlePerSecond: number;
  /** Largest request body accepted; larger ones get RequestEntityTooLarge. */
  readonly bodyLimitBytes: number;
  /** The endpoint's host name, reported as HostId in error responses. */
  readonly hostId: string;
}

/** Alibaba Cloud accepts timestamps within 15 minutes of its clock. */
export const DEFAULT_TIMESTAMP_WINDOW_MS = 15 * 60 * 1000;

export const GATEWAY_CONFIG = Symbol('GatewayConfig');
