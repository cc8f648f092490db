export * from './ops-shell';
export * from './ops-credential';
export * from './terminal-protocol';
export * from './bastion-endpoint';
export * from './ops-shell-routes';
