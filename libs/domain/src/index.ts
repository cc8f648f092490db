export * from './instance/instance-status';
export * from './instance/instance-transitions';
export * from './errors/error-catalogue';
export * from './ids';
