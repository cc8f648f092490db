export * from './instance-metadata';
