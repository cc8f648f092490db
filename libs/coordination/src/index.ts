export * from './coordinator.port';
