import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { loadPlatformConfig } from '@ecs/config';
import { configureLogging } from '@ecs/observability';
import { startPlatform, type Platform } from '../../apps/all-in-one/src/platform';
import { callOk, type Credentials } from '../support/signed-rpc';
import { percentile, round } from '../support/stats';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..', '..');
const CREDENTIALS: Credentials = { accessKeyId: 'LTAIbenchmarkboot000001', accessKeySecret: 'benchmark-boot-secret-000000001' };
const IMAGE_ID = 'tinylinux_6_1_x64_busybox';
const USER_DATA = Buffer.from('#!/bin/sh\necho "user-data ran"\n').toString('base64');
/** How often the tenant asks for the console; half of it is, on average, added to each boot. */
const CONSOLE_POLL_MS = 20;
const BOOT_TIMEOUT_MS = 120_000;

/** One boot, in milliseconds from the moment RunInstances was sent. */
export interface BootSample {
  /** The QEMU process was spawned (the domain entered booting/starting). */
  readonly qemuStartedMs: number;
  /** The metaserver answered the guest's GET /latest/meta-data/instance-id. */
  readonly metadataServedMs: number;
  /** GetInstanceConsoleOutput first showed the guest's `ecs-metadata: instance-id=…` line. */
  readonly consoleReadMs: number;
}

export interface BootResult {
  readonly accel: string;
  readonly samples: readonly BootSample[];
  readonly p50TotalMs: number;
  readonly p50GuestMs: number;
  readonly p50ControlMs: number;
  /** Median over boots of (API → QEMU start + metadata served → console read) / total. */
  readonly p50ControlShare: number;
}

/**
 * Boots real tinylinux guests one after another on an in-process all-in-one with one qemu host,
 * through the tenant API, and splits each boot into the platform's part and the guest's part.
 */
export async function measureRealBoots(boots: number, progress: (line: string) => void): Promise<BootResult> {
  const manifest = await buildImage(progress);
  const dataDir = mkdtempSync(join(tmpdir(), 'ecs-bench-boot-'));
  const observed = new Observations();
  configureLogging({ level: 'debug', sink: (line) => observed.log(line) });
  let platform: Platform | undefined;
  try {
    platform = await startPlatform(
      loadPlatformConfig({
        ECS_DATA_DIR: dataDir,
        ECS_HYPERVISOR: 'qemu',
        ECS_SIM_HOSTS: '1',
        ECS_SYSTEM_IMAGE_MANIFESTS: manifest,
        ECS_GATEWAY_PORT: '0',
        ECS_GATEWAY_HOST: '127.0.0.1',
        ECS_ADMIN_PORT: '0',
        ECS_CONSOLE_PORT: '0',
        ECS_BASTION_PORT: '0',
        ECS_IMAGE_BLOB_PORT: '0',
        ECS_METASERVER_PORT: '0',
        ECS_THROTTLE_PER_SECOND: '1000',
        ECS_TASK_DEADLINE_MS: String(BOOT_TIMEOUT_MS),
        ECS_BOOTSTRAP_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
        ECS_BOOTSTRAP_ACCESS_KEY_SECRET: CREDENTIALS.accessKeySecret,
      }),
    );
    const host = platform.fleet.hosts[0];
    host.driver.onLifecycleEvent((event) => {
      if (event.kind === 'state-changed' && event.state === 'booting' && event.reason === 'starting') observed.mark(event.instanceId, 'qemuStarted');
    });
    const samples: BootSample[] = [];
    for (let n = 1; n <= boots; n++) {
      samples.push(await bootOnce(platform, host.registration.zoneId, observed));
      const last = samples.at(-1)!;
      progress(`boot ${n}/${boots}: ${Math.round(last.consoleReadMs)} ms (QEMU spawned at ${Math.round(last.qemuStartedMs)} ms, metadata served at ${Math.round(last.metadataServedMs)} ms)`);
    }
    const totals = samples.map((s) => s.consoleReadMs);
    const guest = samples.map((s) => s.metadataServedMs - s.qemuStartedMs);
    const control = samples.map((s) => s.qemuStartedMs + (s.consoleReadMs - s.metadataServedMs));
    return {
      accel: observed.accel ?? 'unknown',
      samples: samples.map((s) => ({ qemuStartedMs: round(s.qemuStartedMs, 1), metadataServedMs: round(s.metadataServedMs, 1), consoleReadMs: round(s.consoleReadMs, 1) })),
      p50TotalMs: round(median(totals), 1),
      p50GuestMs: round(median(guest), 1),
      p50ControlMs: round(median(control), 1),
      p50ControlShare: round(median(control.map((c, i) => c / totals[i])), 4),
    };
  } finally {
    // Stopping logs its own warnings (leadership given up), which say nothing about the boots.
    configureLogging({ level: 'silent' });
    await platform?.stop();
    await killLeftovers(dataDir, progress);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function bootOnce(platform: Platform, zoneId: string, observed: Observations): Promise<BootSample> {
  const endpoint = platform.gatewayUrl;
  const t0 = performance.now();
  const body = await callOk(endpoint, CREDENTIALS, 'RunInstances', { RegionId: 'cn-hangzhou', ZoneId: zoneId, InstanceType: 'ecs.c7.large', ImageId: IMAGE_ID, UserData: USER_DATA });
  const instanceId = (body.InstanceIdSets as { InstanceIdSet: string[] }).InstanceIdSet[0];
  const printed = `ecs-metadata: instance-id=${instanceId}`;
  const deadline = t0 + BOOT_TIMEOUT_MS;
  let consoleReadAt: number | undefined;
  while (consoleReadAt === undefined) {
    if (performance.now() > deadline) throw new Error(`${instanceId} printed no metadata within ${BOOT_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, CONSOLE_POLL_MS));
    const console = await callOk(endpoint, CREDENTIALS, 'GetInstanceConsoleOutput', { RegionId: 'cn-hangzhou', InstanceId: instanceId });
    if (Buffer.from(String(console.ConsoleOutput), 'base64').toString('utf8').includes(printed)) consoleReadAt = performance.now();
  }
  const qemuStartedAt = observed.take(instanceId, 'qemuStarted');
  const metadataServedAt = observed.take(instanceId, 'metadataServed');
  await callOk(endpoint, CREDENTIALS, 'DeleteInstance', { InstanceId: instanceId, Force: 'true' });
  // Boots are measured one at a time: the next starts once this guest's QEMU is gone.
  while ((await platform.fleet.hosts[0].driver.listDomains()).length > 0) await new Promise((resolve) => setTimeout(resolve, 50));
  return { qemuStartedMs: qemuStartedAt - t0, metadataServedMs: metadataServedAt - t0, consoleReadMs: consoleReadAt - t0 };
}

/** Timestamps from the driver's lifecycle events and the metaserver's request log, taken as they happen. */
class Observations {
  accel: string | undefined;
  private readonly marks = new Map<string, number>();

  log(line: string): void {
    if (line.includes('"level":"warn"') || line.includes('"level":"error"')) process.stderr.write(`${line}\n`);
    if (line.includes('"metadata request"') && line.includes('"path":"/latest/meta-data/instance-id"') && line.includes('"status":200')) {
      const { instanceId } = JSON.parse(line) as { instanceId: string };
      this.mark(instanceId, 'metadataServed');
    } else if (line.includes('"accelerator chosen"')) {
      this.accel = (JSON.parse(line) as { accel: string }).accel;
    }
  }

  mark(instanceId: string, what: 'qemuStarted' | 'metadataServed'): void {
    const key = `${instanceId} ${what}`;
    if (!this.marks.has(key)) this.marks.set(key, performance.now());
  }

  take(instanceId: string, what: 'qemuStarted' | 'metadataServed'): number {
    const at = this.marks.get(`${instanceId} ${what}`);
    if (at === undefined) throw new Error(`no ${what} seen for ${instanceId}`);
    return at;
  }
}

/** The project's build script: builds the image, or finds it up to date; prints its path last but one. */
async function buildImage(progress: (line: string) => void): Promise<string> {
  progress('building the tinylinux image (or finding it up to date) …');
  const { stdout } = await run('bash', [join(ROOT, 'deploy', 'images', 'build-tinylinux.sh')], { maxBuffer: 16 * 1024 * 1024 });
  const imagePath = stdout.trim().split('\n').at(-2);
  if (!imagePath) throw new Error(`build-tinylinux.sh printed no image path: ${stdout}`);
  return join(dirname(imagePath), 'tinylinux.json');
}

/** Deleted guests leave no process; anything still running from this run is reported and killed. */
async function killLeftovers(dataDir: string, progress: (line: string) => void): Promise<void> {
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (!cmdline.includes(dataDir)) continue;
    progress(`process ${entry} outlived the benchmark; killing it`);
    try {
      process.kill(Number(entry), 'SIGKILL');
    } catch {
      // It ended meanwhile.
    }
  }
}

function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}
