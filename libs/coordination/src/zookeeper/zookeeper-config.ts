import { rootPath } from './zk-paths';

export interface ZooKeeperCoordinatorConfig {
  /** host:port[,host:port…], as every ZooKeeper client takes it. */
  readonly connectionString: string;
  /** The subtree this platform owns, such as /ecs; created if missing. */
  readonly root: string;
  /** Asked of the server, which clamps it to its own bounds (by default 2 to 20 ticks). */
  readonly sessionTimeoutMs: number;
  /** How long to wait for the first session before giving up; defaults to the larger of 5 s and the session timeout. */
  readonly connectTimeoutMs?: number;
}

export type ValidZooKeeperConfig = Required<ZooKeeperCoordinatorConfig>;

const ENDPOINT = /^[^\s,/]+:\d{1,5}$/;

/** @throws RangeError naming the first bad field. */
export function parseZooKeeperConfig(config: ZooKeeperCoordinatorConfig): ValidZooKeeperConfig {
  const endpoints = config.connectionString.split(',');
  if (config.connectionString === '' || !endpoints.every((endpoint) => ENDPOINT.test(endpoint))) {
    throw new RangeError(`connectionString ${JSON.stringify(config.connectionString)} must be host:port[,host:port…]`);
  }
  const timeout = (name: string, value: number) => {
    if (!Number.isInteger(value) || value < 100 || value > 2 ** 31 - 1) throw new RangeError(`${name} must be a whole number of milliseconds, at least 100, got ${value}`);
    return value;
  };
  const sessionTimeoutMs = timeout('sessionTimeoutMs', config.sessionTimeoutMs);
  return {
    connectionString: config.connectionString,
    root: rootPath(config.root),
    sessionTimeoutMs,
    connectTimeoutMs: timeout('connectTimeoutMs', config.connectTimeoutMs ?? Math.max(5000, sessionTimeoutMs)),
  };
}
