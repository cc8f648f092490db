import type { InstanceRepository } from '@ecs/persistence';
import { callOk, type Credentials } from '../support/signed-rpc';
import { summarise } from '../support/stats';

export interface OverheadResult {
  readonly concurrency: number;
  readonly samples: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

const IMAGE = 'aliyun_3_x64_20G_alibase_20241103.vhd';

/**
 * Control-plane overhead of one launch: from the client sending RunInstances to control recording
 * the instance Running (its StartTime, read from the database), minus the simulated boot time.
 * Both clocks are this machine's.
 */
export async function measureOverhead(endpoint: string, credentials: Credentials, instances: InstanceRepository, bootMs: number, concurrency: number, samples: number): Promise<OverheadResult> {
  const overheads: number[] = [];
  let issued = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued < samples) {
        issued++;
        const t0 = Date.now();
        const body = await callOk(endpoint, credentials, 'RunInstances', { RegionId: 'cn-hangzhou', InstanceType: 'ecs.c7.large', ImageId: IMAGE });
        const id = (body.InstanceIdSets as { InstanceIdSet: string[] }).InstanceIdSet[0];
        const startedAt = await waitForStart(instances, id);
        overheads.push(startedAt - t0 - bootMs);
        await callOk(endpoint, credentials, 'DeleteInstance', { InstanceId: id, Force: 'true' });
      }
    }),
  );
  const { p50, p99 } = summarise(overheads);
  return { concurrency, samples: overheads.length, p50Ms: p50, p99Ms: p99 };
}

async function waitForStart(instances: InstanceRepository, id: string): Promise<number> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const row = await instances.get(id);
    if (row?.startedAt) return row.startedAt;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error(`${id} did not reach Running`);
}
