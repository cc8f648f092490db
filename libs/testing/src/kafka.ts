import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { readLocalEndpoints, startLocalInfrastructure } from './local-infra';

/** Whether a broker answers a metadata request (an open port alone may be a broker still starting). */
async function answers(brokers: readonly string[]): Promise<boolean> {
  const admin = new Kafka({ clientId: 'ecs-test-probe', brokers: [...brokers], connectionTimeout: 1_000, requestTimeout: 2_000, retry: { retries: 0 }, logLevel: logLevel.NOTHING }).admin();
  try {
    await admin.connect();
    return (await admin.describeCluster()).brokers.length > 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect();
  }
}

let found: Promise<string[]> | undefined;

/**
 * The Kafka brokers the integration tests use, from .infra/endpoints.json. When none is recorded
 * or it does not answer, `deploy/local/infra.sh up` starts the local infrastructure first (a cold
 * first run fetches Kafka: give the caller's hook minutes). Once per test process.
 */
export function kafkaTestBrokers(): Promise<string[]> {
  found ??= (async () => {
    const recorded = readLocalEndpoints()?.kafka.brokers;
    if (recorded && (await answers(recorded))) return [...recorded];
    const started = (await startLocalInfrastructure()).kafka.brokers;
    if (!(await answers(started))) throw new Error(`infra.sh up finished but no Kafka answers at ${started.join(',')}`);
    return [...started];
  })();
  return found;
}

/** A topic prefix of its own for one test, so tests sharing the broker never see each other's events. */
export function kafkaTestPrefix(name: string): string {
  return `ecs-test-${name}-${randomBytes(4).toString('hex')}.`;
}
