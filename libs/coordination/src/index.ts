export * from './coordinator.port';
export * from './coordination-errors';
export * from './in-process/in-process-coordinator';
