import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HealthReport } from '@ecs/contracts';
import { ENTRY_POINTS, type ClusterRole, type ProcessSpec } from './cluster-plan';

/** How the processes of one cluster are started. */
export interface ClusterRuntime {
  readonly repoRoot: string;
  readonly logDir: string;
  /** What every process gets on top of the caller's environment: infrastructure, token, region … */
  readonly sharedEnv: Readonly<Record<string, string>>;
  /** Outlive the starting process (`cluster:up`), or die with it (tests). */
  readonly detached: boolean;
}

/** The repository root: the nearest folder up from here holding package.json (from source or from dist/). */
export function findRepoRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = join(dir, '..');
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/**
 * Starts a component from its compiled entry point, output appended to `<logDir>/<name>.log`.
 * Logs are private to the user (0700/0600): the business layer prints secrets it generated once.
 */
export function spawnComponent(runtime: ClusterRuntime, spec: Pick<ProcessSpec, 'name' | 'role' | 'env'>, args: readonly string[] = []): ChildProcess {
  mkdirSync(runtime.logDir, { recursive: true, mode: 0o700 });
  const log = openSync(logFile(runtime, spec.name), 'a', 0o600);
  try {
    const child = spawn(process.execPath, [join(runtime.repoRoot, 'scripts', 'run.js'), ENTRY_POINTS[spec.role], ...args], {
      cwd: runtime.repoRoot,
      env: { ...process.env, ...runtime.sharedEnv, ...spec.env },
      stdio: ['ignore', log, log],
      detached: runtime.detached,
    });
    if (runtime.detached) child.unref();
    return child;
  } finally {
    closeSync(log);
  }
}

export function logFile(runtime: Pick<ClusterRuntime, 'logDir'>, name: string): string {
  return join(runtime.logDir, `${name}.log`);
}

/** Runs a one-shot command of a component (such as control's `migrate`) and waits for it to succeed. */
export function runComponentCommand(runtime: ClusterRuntime, role: ClusterRole, name: string, args: readonly string[]): Promise<void> {
  const child = spawnComponent({ ...runtime, detached: false }, { name, role, env: {} }, args);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${name} exited with ${code}; see ${logFile(runtime, name)}`))));
  });
}

/** What a process's `GET /healthz` says, or undefined when it does not answer. */
export async function health(port: number, timeoutMs = 1_000): Promise<HealthReport | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return undefined;
    const report = (await response.json()) as Partial<HealthReport>;
    // The gateway's own health body is just { status }.
    return { service: '', pid: 0, ...report, status: report.status === 'ok' ? 'ok' : 'unavailable' };
  } catch {
    return undefined;
  }
}

/** Waits for a process to answer healthy. @throws if it exits first or the time runs out. */
export async function waitHealthy(spec: ProcessSpec, child: { readonly exitCode: number | null }, timeoutMs: number, log: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${spec.name} exited with ${child.exitCode} while starting; see ${log}`);
    if ((await health(spec.port))?.status === 'ok') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${spec.name} was not healthy on port ${spec.port} after ${timeoutMs} ms; see ${log}`);
}

/** True if `pid` is alive and is one of ours (guards against a recycled pid). */
export function isComponentProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const cmdline = `/proc/${pid}/cmdline`;
  if (!existsSync(cmdline)) return true;
  return readFileSync(cmdline, 'utf8').includes('scripts/run.js');
}

/** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
export async function stopComponent(pid: number, graceMs = 10_000): Promise<void> {
  if (!isComponentProcess(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
