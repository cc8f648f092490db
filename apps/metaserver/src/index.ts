export { MetaServer, type MetaServerOptions } from './metaserver';
export { createMetaServerHost, startMetaServerHost, type MetaServerHostOptions, type RunningMetaServerHost } from './create-metaserver';
export { IdentitySigner } from './identity/identity-signer';
export { SessionTokens } from './guest/session-tokens';
