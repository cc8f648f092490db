export * from './internal-routes';
export * from './service-endpoints';
export * from './host-service-routes';
