import { configureLogging } from '@ecs/observability';
import { measureRealBoots, type BootResult } from './real-boots';
import { measureDomainOps, type DomainOpsResult } from './sim-domain-ops';

/**
 * `npm run bench:boot [-- --json] [-- --boots N]`: real tinylinux boots through the tenant API
 * (RunInstances → the guest printed the metadata it fetched, p50 over N boots, and the share of it
 * spent in the platform rather than in QEMU), and sim domain operations per second through one host
 * agent against the bare SimDriver measured in the same run.
 */
const DEFAULT_BOOTS = 5;
const SIM_DOMAINS = 4_000;
const SIM_BATCH = 200;

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const boots = bootsArgument(process.argv);
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  configureLogging({ level: 'silent' });
  // The sim driver's and the agent's timers do not hold the process open (they are unref'd), so while
  // only they are pending, this keeps node from exiting in the middle of a measurement.
  const keepAlive = setInterval(() => undefined, 60_000);
  try {
    await measure(json, boots, progress);
  } finally {
    clearInterval(keepAlive);
  }
}

async function measure(json: boolean, boots: number, progress: (line: string) => void): Promise<void> {
  const ops = await measureDomainOps(SIM_DOMAINS, SIM_BATCH);
  progress(`sim: ${ops.agentOpsPerSecond} domain ops/s through the agent, ${ops.bareOpsPerSecond} on the bare driver`);
  const boot = await measureRealBoots(boots, progress);
  const result = { boot, simDomainOps: ops };
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  process.stdout.write([...table(boot, ops), '', JSON.stringify(result), ''].join('\n'));
}

function table(boot: BootResult, ops: DomainOpsResult): string[] {
  const pct = (share: number) => `${(share * 100).toFixed(1)} %`;
  return [
    '',
    `real boots: RunInstances → the guest printed its metadata (qemu, ${boot.accel}, ${boot.samples.length} boots, one at a time)`,
    `  p50 total                                        ${boot.p50TotalMs} ms`,
    `  p50 guest (QEMU spawned → metadata served)       ${boot.p50GuestMs} ms`,
    `  p50 platform (API → QEMU spawned,`,
    `                + metadata served → console read)  ${boot.p50ControlMs} ms`,
    `  platform share, p50 over boots                   ${pct(boot.p50ControlShare)}   (target < 10 %)`,
    ...boot.samples.map((s, i) => `    boot ${i + 1}: spawned at ${s.qemuStartedMs} ms, metadata served at ${s.metadataServedMs} ms, read at ${s.consoleReadMs} ms`),
    `sim domain operations (define, start, stop, undefine; boot and shutdown 0 ms; ${ops.domains} guests, ${ops.batch} at a time, one host)`,
    `  through a HostAgent   ${ops.agentOpsPerSecond} ops/s`,
    `  bare SimDriver        ${ops.bareOpsPerSecond} ops/s`,
    `  ratio                 ${ops.ratio}`,
  ];
}

function bootsArgument(argv: readonly string[]): number {
  const index = argv.indexOf('--boots');
  if (index < 0) return DEFAULT_BOOTS;
  const boots = Number(argv[index + 1]);
  if (!Number.isInteger(boots) || boots < 1) throw new Error('--boots takes a whole number of boots, at least 1');
  return boots;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
