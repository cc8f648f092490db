import type { Database } from '@ecs/persistence';
import { callOk, type Credentials } from '../support/signed-rpc';
import { summarise } from '../support/stats';
import { StartWatcher } from './start-watcher';

export interface OverheadResult {
  readonly concurrency: number;
  readonly samples: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** The RunInstances call alone, as the client saw it. */
  readonly apiP50Ms: number;
  readonly apiP99Ms: number;
}

const IMAGE = 'aliyun_3_x64_20G_alibase_20241103.vhd';

/**
 * Control-plane overhead of one launch: from the client sending RunInstances to control recording
 * the instance Running (its StartTime, read from the database), minus the simulated boot time.
 * Both clocks are this machine's. One watcher polls for every launch in flight, so the measuring
 * process does not compete with the platform for the CPU it is measuring.
 */
export async function measureOverhead(endpoint: string, credentials: Credentials, db: Database, bootMs: number, concurrency: number, samples: number): Promise<OverheadResult> {
  const overheads: number[] = [];
  const apiTimes: number[] = [];
  const watcher = new StartWatcher(db);
  let issued = 0;
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (issued < samples) {
          issued++;
          const t0 = Date.now();
          const body = await callOk(endpoint, credentials, 'RunInstances', { RegionId: 'cn-hangzhou', InstanceType: 'ecs.c7.large', ImageId: IMAGE });
          apiTimes.push(Date.now() - t0);
          const id = (body.InstanceIdSets as { InstanceIdSet: string[] }).InstanceIdSet[0];
          const startedAt = await watcher.startOf(id);
          overheads.push(startedAt - t0 - bootMs);
          await callOk(endpoint, credentials, 'DeleteInstance', { InstanceId: id, Force: 'true' });
        }
      }),
    );
  } finally {
    watcher.close();
  }
  const total = summarise(overheads);
  const api = summarise(apiTimes);
  return { concurrency, samples: overheads.length, p50Ms: total.p50, p99Ms: total.p99, apiP50Ms: api.p50, apiP99Ms: api.p99 };
}
