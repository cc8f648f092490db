export * from './platform-config';
export * from './admin-endpoint';
export * from './tenant-cli-config';
export * from './service-config';
