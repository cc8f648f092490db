/**
 * The end-to-end instance-lifecycle suite (test/e2e/instance-lifecycle.test.ts), unchanged, against
 * the local cluster instead of the all-in-one: its platform harness is swapped for the cluster's,
 * which has the same face (gatewayUrl, credentials, dispose).
 */
jest.mock('../support/platform-harness', () => {
  const actual: typeof import('../support/platform-harness') = jest.requireActual('../support/platform-harness');
  const { startTestCluster }: typeof import('../support/cluster-harness') = jest.requireActual('../support/cluster-harness');
  return { ...actual, startTestPlatform: () => startTestCluster() };
});

jest.setTimeout(120_000);

describe('on the local cluster (one process per component, MariaDB, Redis, Kafka, ZooKeeper)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('../e2e/instance-lifecycle.test');
});
