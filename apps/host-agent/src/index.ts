export * from './host-agent';
export * from './host-agent-options';
export * from './errors/agent-unavailable.error';
export type { BackoffOptions } from './loop/backoff';
export * from './ops-shell';
export * from './machine/host-machine';
