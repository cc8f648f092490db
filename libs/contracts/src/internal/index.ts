export * from './internal-routes';
export * from './service-endpoints';
