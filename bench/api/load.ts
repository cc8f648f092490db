import { callRpc, type Credentials } from '../support/signed-rpc';
import { summarise } from '../support/stats';

export interface LoadResult {
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
}

/**
 * Closed-loop load: `concurrency` workers each send signed DescribeInstances back to back for
 * `durationMs`. Bounded in time and aimed only at the loopback server under test.
 */
export async function describeInstancesLoad(endpoint: string, credentials: Credentials, concurrency: number, durationMs: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const stopAt = performance.now() + durationMs;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < stopAt) {
        const t0 = performance.now();
        const { status } = await callRpc(endpoint, credentials, 'DescribeInstances', { RegionId: 'cn-hangzhou', PageSize: '10' });
        latencies.push(performance.now() - t0);
        if (status !== 200) errors++;
      }
    }),
  );
  const elapsedS = (performance.now() - started) / 1000;
  const { p50, p99 } = summarise(latencies);
  return { rps: Math.round(latencies.length / elapsedS), p50Ms: p50, p99Ms: p99, errors };
}
