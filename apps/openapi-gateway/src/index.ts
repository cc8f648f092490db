export { createGatewayApp } from './create-gateway-app';
export { OpenApiGatewayModule, type GatewayDependencies } from './gateway.module';
export { DEFAULT_TIMESTAMP_WINDOW_MS, GATEWAY_CONFIG, type GatewayConfig } from './gateway-config';
export { READINESS_PROBE, type ReadinessProbe } from './readiness-probe';
export { RequestAuthenticator, type AuthenticatedRpcRequest, type RequestAuthenticatorDeps } from './auth/request-authenticator';
export type { RawRpcRequest } from './request/raw-rpc-request';
export { toErrorResponse, type ErrorEnvelope, type ErrorResponse } from './errors/error-envelope';
