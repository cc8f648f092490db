export * from './test-databases';
export * from './zookeeper';
export * from './local-infra';
export * from './kafka';
