import { randomBytes } from 'node:crypto';
import type { VmStateEvent } from '@ecs/contracts';
import { deleteKafkaPrefix } from '@ecs/events';
import { configureLogging } from '@ecs/observability';
import { round, summarise } from '../support/stats';
import { CpuMeter } from './cpu-meter';
import { localEndpoints } from './local-endpoints';
import { pace, waitFor } from './pacing';
import { hostOf, PlatformPipeline } from './platform-pipeline';
import { RawKafka } from './raw-kafka';
import { VmStateWorkload } from './workload';

/**
 * `npm run bench:events [-- --json] [--events N] [--rate R] [--seconds S] [--instances I] [--hot-status]`:
 * VM-state events per second end to end (host agent's KafkaEventBus → Kafka → control's
 * VmStateConsumer → MariaDB, then Redis as control's deployment writes it; `--hot-status` adds
 * each touched instance's status and seq per batch) against bare kafkajs producing and
 * consuming the same messages in the same run, and the lag from publish to applied at a fixed
 * moderate rate. Runs on the local infrastructure (starting it when Kafka does not answer), on a
 * database, topics and keys of its own, all removed at the end.
 */
interface Options {
  readonly json: boolean;
  readonly events: number;
  readonly rate: number;
  readonly seconds: number;
  readonly instances: number;
  readonly hotStatus: boolean;
}

const ROUNDS = 2;
const PUBLISH_WINDOW = 2_000;
const CHUNK = 1_000;
const PHASE_TIMEOUT_MS = 180_000;

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} takes a positive integer`);
  return value;
}

function parseOptions(): Options {
  return { json: process.argv.includes('--json'), events: option('events', 20_000), rate: option('rate', 500), seconds: option('seconds', 10), instances: option('instances', 1_000), hotStatus: process.argv.includes('--hot-status') };
}

/** Tracks the events of one phase from publish until they arrive, once each, and their lag. */
class Phase {
  private readonly sentAt = new Map<string, number>();
  readonly lagsMs: number[] = [];
  private remaining: number;

  constructor(events: readonly VmStateEvent[]) {
    this.remaining = events.length;
    for (const e of events) this.sentAt.set(e.eventId, Number.NaN);
  }

  sent(event: VmStateEvent): void {
    this.sentAt.set(event.eventId, performance.now());
  }

  arrived(event: VmStateEvent): void {
    const at = this.sentAt.get(event.eventId);
    if (at === undefined) return;
    // Redeliveries (at least once) count once.
    this.sentAt.delete(event.eventId);
    this.lagsMs.push(performance.now() - at);
    this.remaining--;
  }

  get done(): boolean {
    return this.remaining === 0;
  }
}

async function main(): Promise<void> {
  const options = parseOptions();
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  configureLogging({ level: 'warn' });
  const endpoints = await localEndpoints(progress);
  const runId = randomBytes(4).toString('hex');
  const topicPrefix = `ecs-bench-${runId}.`;
  const platform = await PlatformPipeline.open(endpoints, topicPrefix, { hotStatus: options.hotStatus });
  const raw = await RawKafka.open(endpoints.kafka.brokers, topicPrefix);
  try {
    const instanceIds = Array.from({ length: options.instances }, (_, n) => `i-bench${String(n).padStart(6, '0')}`);
    await platform.seed(instanceIds);
    await platform.start();
    await raw.start();
    const workload = new VmStateWorkload(instanceIds, hostOf, runId);
    let phase: Phase | undefined;
    platform.onApplied = (event) => phase?.arrived(event);
    raw.onReceived = (event) => phase?.arrived(event);

    // Both paths take the same messages in chunks: as fast as a window of PUBLISH_WINDOW messages
    // in flight allows (the host agent's publish is called once per message, the raw producer
    // sends each chunk), or one message at a time at a fixed rate for the lag.
    const run = async (events: readonly VmStateEvent[], send: (chunk: readonly VmStateEvent[]) => Promise<unknown>, what: string, ratePerSec?: number) => {
      const current = (phase = new Phase(events));
      const chunk = ratePerSec === undefined ? CHUNK : 1;
      const chunks = Array.from({ length: Math.ceil(events.length / chunk) }, (_, n) => events.slice(n * chunk, (n + 1) * chunk));
      const started = performance.now();
      await pace(chunks, async (c) => {
        for (const e of c) current.sent(e);
        await send(c);
      }, { ratePerSec, window: Math.ceil(PUBLISH_WINDOW / chunk) });
      await waitFor(() => current.done, what, PHASE_TIMEOUT_MS);
      return { perSec: round((events.length * 1_000) / (performance.now() - started), 0), lagsMs: current.lagsMs };
    };
    const runPlatform = (events: readonly VmStateEvent[], ratePerSec?: number) =>
      run(events, (c) => Promise.all(c.map((e) => platform.agent.publish('ecs.vm-state', e.instanceId, e))), 'the platform to apply every event', ratePerSec);
    const runRaw = (events: readonly VmStateEvent[], ratePerSec?: number) => run(events, (c) => raw.send(c), 'raw kafkajs to deliver every event', ratePerSec);

    // Warm-up: the first report per instance takes it from Starting to Running, the second is a
    // steady-state one; both groups have joined and the JIT has warmed before anything is measured.
    const warmUp = workload.take(options.instances * 2);
    await runRaw(warmUp);
    await runPlatform(warmUp);
    progress(`warmed up: ${options.instances} instances Running`);

    // Two unmeasured seconds at the fixed rate first: the burst of the warm-up leaves the database
    // flushing for a moment, and lag at a steady rate is what is measured.
    await runPlatform(workload.take(options.rate * 2), options.rate);
    const steady = workload.take(options.rate * options.seconds);
    const platformLag = summarise((await runPlatform(steady, options.rate)).lagsMs);
    const rawLag = summarise((await runRaw(steady, options.rate)).lagsMs);
    progress(`lag at ${options.rate}/s: platform p50 ${platformLag.p50} ms p99 ${platformLag.p99} ms; raw p50 ${rawLag.p50} ms p99 ${rawLag.p99} ms`);

    let platformBest = 0;
    let rawBest = 0;
    const meter = new CpuMeter();
    for (let n = 1; n <= ROUNDS; n++) {
      // The same messages through both paths; alternating so neither gets the quieter machine.
      const events = workload.take(options.events);
      meter.start();
      const rawRun = await runRaw(events);
      const rawCpu = meter.stop();
      meter.start();
      const platformRun = await runPlatform(events);
      const platformCpu = meter.stop();
      progress(`round ${n}: CPU ms per 1,000 events: platform ${cpuPer(platformCpu, events.length)}; raw ${cpuPer(rawCpu, events.length)}`);
      rawBest = Math.max(rawBest, rawRun.perSec);
      platformBest = Math.max(platformBest, platformRun.perSec);
      progress(`round ${n}: platform ${platformRun.perSec}/s, raw ${rawRun.perSec}/s`);
    }

    const caughtUp = await platform.countCaughtUp(instanceIds, (index) => workload.lastSeq(index));
    if (caughtUp !== instanceIds.length) throw new Error(`only ${caughtUp} of ${instanceIds.length} instances hold their last report's seq: reports were lost`);

    const result = { platformEventsPerSec: platformBest, rawKafkaEventsPerSec: rawBest, lagP50Ms: platformLag.p50, lagP99Ms: platformLag.p99 };
    if (options.json) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } else {
      process.stdout.write(
        [
          '',
          `VM-state events end to end (agent → Kafka → VmStateConsumer → MariaDB + Redis), ${options.instances} instances, ${options.events} events per round, best of ${ROUNDS}`,
          `  platform      ${result.platformEventsPerSec} events/s`,
          `  raw kafkajs   ${result.rawKafkaEventsPerSec} events/s   (same messages, produce + consume only)`,
          `  ratio         ${round(result.platformEventsPerSec / result.rawKafkaEventsPerSec, 3)}   (target ≥ 0.5)`,
          `lag from publish to applied at ${options.rate} events/s for ${options.seconds} s`,
          `  platform      p50 ${platformLag.p50} ms   p99 ${platformLag.p99} ms   (target p99 < 50 ms)`,
          `  raw kafkajs   p50 ${rawLag.p50} ms   p99 ${rawLag.p99} ms`,
          `all ${caughtUp} instances hold their last report's seq`,
          '',
          JSON.stringify(result),
          '',
        ].join('\n'),
      );
    }
  } finally {
    await raw.close().catch((error: unknown) => progress(`raw cleanup failed: ${String(error)}`));
    await platform.dispose();
    await deleteKafkaPrefix(endpoints.kafka.brokers, topicPrefix);
  }
}

function cpuPer(seconds: Record<string, number>, events: number): string {
  return Object.entries(seconds)
    .map(([name, s]) => `${name} ${round((s * 1_000_000) / events, 1)}`)
    .join(', ');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
