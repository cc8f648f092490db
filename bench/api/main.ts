import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '@ecs/persistence';
import { callOk, type Credentials } from '../support/signed-rpc';
import { round } from '../support/stats';
import { rssMiB, startCompiled, stop } from '../support/child-process';
import { measureOverhead, type OverheadResult } from './control-overhead';
import { describeInstancesLoad, type LoadResult } from './load';

/**
 * `npm run bench:api [-- --json]`: the tenant API path against a bare node:http baseline measured in
 * the same run, control-plane overhead at concurrency 1/10/50, and the all-in-one's memory.
 */
const BOOT_MS = 300;
const LOAD_CONCURRENCY = 16;
const LOAD_MS = 5_000;
const CREDENTIALS: Credentials = { accessKeyId: 'LTAIbenchmark0000000001', accessKeySecret: 'benchmark-secret-0000000000001' };
const IMAGE = 'aliyun_3_x64_20G_alibase_20241103.vhd';
const OVERHEAD_WARMUP_LAUNCHES = 30;
/** Concurrency and launches measured at it. */
const OVERHEAD_LEVELS = [
  [1, 50],
  [10, 300],
  [50, 500],
] as const;

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  const dataDir = mkdtempSync(join(tmpdir(), 'ecs-bench-api-'));
  const platform = await startCompiled(
    'apps/all-in-one/src/main.js',
    {
      ECS_DATA_DIR: dataDir,
      ECS_GATEWAY_PORT: '0',
      ECS_GATEWAY_HOST: '127.0.0.1',
      ECS_ADMIN_PORT: '0',
      ECS_SIM_HOSTS: '48',
      ECS_SIM_BOOT_MS: String(BOOT_MS),
      ECS_THROTTLE_PER_SECOND: '1000000',
      ECS_BOOTSTRAP_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      ECS_BOOTSTRAP_ACCESS_KEY_SECRET: CREDENTIALS.accessKeySecret,
      ECS_LOG_LEVEL: 'info',
    },
    /OpenAPI endpoint (http:\/\/\S+),/,
    join(dataDir, 'platform.log'),
  );
  let bare: Awaited<ReturnType<typeof startCompiled>> | undefined;
  const db = await Database.open({ kind: 'sqlite', file: join(dataDir, 'ecs.sqlite') }, { runMigrations: false });
  try {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const idleRssMiB = rssMiB(platform.child.pid!);
    progress(`platform up at ${platform.url}; idle RSS ${idleRssMiB} MiB`);

    await callOk(platform.url, CREDENTIALS, 'RunInstances', { RegionId: 'cn-hangzhou', InstanceType: 'ecs.c7.large', ImageId: IMAGE, Amount: '20' });
    bare = await startCompiled('bench/api/bare-server.js', {}, /bare server (http:\/\/\S+)/, join(dataDir, 'bare.log'), [dataDir]);
    // Warm both, then alternate so neither gets the quieter machine.
    await describeInstancesLoad(bare.url, CREDENTIALS, LOAD_CONCURRENCY, 1_000);
    await describeInstancesLoad(platform.url, CREDENTIALS, LOAD_CONCURRENCY, 1_000);
    const bareRuns: LoadResult[] = [];
    const platformRuns: LoadResult[] = [];
    for (let round = 0; round < 2; round++) {
      bareRuns.push(await describeInstancesLoad(bare.url, CREDENTIALS, LOAD_CONCURRENCY, LOAD_MS));
      platformRuns.push(await describeInstancesLoad(platform.url, CREDENTIALS, LOAD_CONCURRENCY, LOAD_MS));
    }
    await stop(bare.child);
    bare = undefined;
    const best = (runs: LoadResult[]) => runs.reduce((a, b) => (b.rps > a.rps ? b : a));
    const bareBest = best(bareRuns);
    const platformBest = best(platformRuns);
    progress(`DescribeInstances: platform ${platformBest.rps}/s vs bare ${bareBest.rps}/s`);

    // Launches the JIT has not seen yet would count against the first level; a p99 needs a few hundred samples.
    await measureOverhead(platform.url, CREDENTIALS, db, BOOT_MS, 10, OVERHEAD_WARMUP_LAUNCHES);
    const overhead: OverheadResult[] = [];
    for (const [concurrency, samples] of OVERHEAD_LEVELS) {
      overhead.push(await measureOverhead(platform.url, CREDENTIALS, db, BOOT_MS, concurrency, samples));
      progress(`overhead at concurrency ${concurrency}: p50 ${overhead.at(-1)!.p50Ms} ms, p99 ${overhead.at(-1)!.p99Ms} ms (RunInstances call p50 ${overhead.at(-1)!.apiP50Ms} ms, p99 ${overhead.at(-1)!.apiP99Ms} ms)`);
    }

    for (let launched = 20; launched < 1_000; launched += 100) {
      await callOk(platform.url, CREDENTIALS, 'RunInstances', { RegionId: 'cn-hangzhou', InstanceType: 'ecs.c7.large', ImageId: IMAGE, Amount: '100' });
    }
    const deadline = Date.now() + 120_000;
    let running = 0;
    while (Date.now() < deadline) {
      running = await db.read((m) => m.query<{ n: number }[]>("SELECT COUNT(*) AS n FROM instances WHERE status = 'Running'")).then((r) => Number(r[0].n));
      if (running >= 1_000) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const rss1000InstancesMiB = rssMiB(platform.child.pid!);
    progress(`${running} instances Running; RSS ${rss1000InstancesMiB} MiB`);

    const result = {
      api: { platformRps: platformBest.rps, bareRps: bareBest.rps, ratio: round(platformBest.rps / bareBest.rps, 3), p50Ms: platformBest.p50Ms, p99Ms: platformBest.p99Ms, bareP50Ms: bareBest.p50Ms, bareP99Ms: bareBest.p99Ms, concurrency: LOAD_CONCURRENCY, errors: platformBest.errors + bareBest.errors },
      overhead: overhead.map((o) => ({ concurrency: o.concurrency, samples: o.samples, p50Ms: o.p50Ms, p99Ms: o.p99Ms, apiP50Ms: o.apiP50Ms, apiP99Ms: o.apiP99Ms })),
      memory: { idleRssMiB, rss1000InstancesMiB, runningInstances: running },
    };
    if (json) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } else {
      process.stdout.write(
        [
          '',
          'tenant API (signed DescribeInstances, PageSize 10, concurrency 16)',
          `  platform  ${result.api.platformRps} req/s   p50 ${result.api.p50Ms} ms   p99 ${result.api.p99Ms} ms`,
          `  bare      ${result.api.bareRps} req/s   p50 ${result.api.bareP50Ms} ms   p99 ${result.api.bareP99Ms} ms`,
          `  ratio     ${result.api.ratio}   (target ≥ 0.5)`,
          'control-plane overhead (RunInstances → Running, minus the simulated boot time)',
          ...result.overhead.map((o) => `  concurrency ${String(o.concurrency).padStart(2)}   p50 ${o.p50Ms} ms   p99 ${o.p99Ms} ms   (${o.samples} launches)`),
          'memory (all-in-one RSS)',
          `  idle ${result.memory.idleRssMiB} MiB   with ${result.memory.runningInstances} Running instances ${result.memory.rss1000InstancesMiB} MiB   (target < 512 MiB)`,
          '',
          JSON.stringify(result),
          '',
        ].join('\n'),
      );
    }
  } finally {
    if (bare) await stop(bare.child);
    await stop(platform.child);
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
