export * from './coordinator.port';
export * from './coordination-errors';
export * from './in-process/in-process-coordinator';
export * from './create-coordinator';
export * from './zookeeper/zookeeper-coordinator';
export type { ZooKeeperCoordinatorConfig } from './zookeeper/zookeeper-config';
export { MemberTakenError, ZooKeeperUnavailableError } from './zookeeper/zk-errors';
