export * from './api/api-call';
export * from './api/credentials';
export * from './catalog/catalog';
export * from './control/control-api';
export * from './host/host-protocol';
export * from './events/topics';
export * from './ops';
export * from './admin/admin';
