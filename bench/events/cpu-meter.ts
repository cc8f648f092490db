import { readdirSync, readFileSync } from 'node:fs';

/** Processes whose CPU time a phase of the benchmark is charged with, found by command line. */
const WATCHED: Record<string, (cmdline: string) => boolean> = {
  kafka: (c) => c.includes('kafka.Kafka'),
  mariadb: (c) => /(^|\/)(mariadbd|mysqld)(\s|$)/.test(c),
  redis: (c) => c.startsWith('redis-server'),
};

function ticksOf(pid: number): number {
  // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function find(): Map<string, number> {
  const pids = new Map<string, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      for (const [name, matches] of Object.entries(WATCHED)) if (!pids.has(name) && matches(cmdline)) pids.set(name, Number(entry));
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return pids;
}

/** CPU seconds spent by this process and by the local Kafka, MariaDB and Redis between `start` and `stop` (Linux /proc; empty elsewhere). */
export class CpuMeter {
  private readonly pids = (() => {
    try {
      return find();
    } catch {
      return new Map<string, number>();
    }
  })();
  private startedAt: Map<string, number> = new Map();
  private selfAt = process.cpuUsage();

  start(): void {
    this.selfAt = process.cpuUsage();
    this.startedAt = this.sample();
  }

  /** Seconds of CPU per process since `start`. */
  stop(): Record<string, number> {
    const self = process.cpuUsage(this.selfAt);
    const out: Record<string, number> = { node: (self.user + self.system) / 1e6 };
    const now = this.sample();
    for (const [name, ticks] of now) out[name] = (ticks - (this.startedAt.get(name) ?? ticks)) / 100;
    return out;
  }

  private sample(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [name, pid] of this.pids) {
      try {
        out.set(name, ticksOf(pid));
      } catch {
        // The process ended.
      }
    }
    return out;
  }
}
