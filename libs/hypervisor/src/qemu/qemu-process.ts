import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Starts QEMU in its own process group with stderr to `logPath`, detached from the caller's
 * lifetime: the agent may exit or crash and the guest keeps running.
 */
export function spawnQemu(binary: string, args: readonly string[], logPath: string): ChildProcess {
  const log = openSync(logPath, 'w');
  try {
    const child = spawn(binary, args, { detached: true, stdio: ['ignore', 'ignore', log] });
    child.unref();
    return child;
  } finally {
    closeSync(log);
  }
}

/**
 * Whether `pid` is a live process started with `marker` as one of its arguments. The marker (the
 * domain's pidfile path) guards against a recycled pid; a zombie counts as dead.
 */
export async function isLiveProcessWith(pid: number, marker: string): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Field 3, after the parenthesised command name (which may itself hold spaces or parentheses).
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return false;
    const args = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
    return args.includes(marker);
  } catch {
    return false;
  }
}

/** Kills the whole process group: QEMU leads it, and its metadata relays belong to it. */
export function killGroup(pid: number): void {
  // kill(-0) or kill(-1) would hit the caller's own group or every process.
  if (pid <= 1) throw new Error(`refusing to kill process group ${pid}`);
  try {
    process.kill(-pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Polls until the process is gone; false if it still lives after `timeoutMs`. */
export async function waitForDeath(pid: number, marker: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!(await isLiveProcessWith(pid, marker))) return true;
    if (Date.now() >= deadline) return false;
    await sleep(25);
  }
}

export function parsePid(text: string | undefined): number | undefined {
  const pid = Number.parseInt(text?.trim() ?? '', 10);
  return Number.isSafeInteger(pid) && pid > 1 ? pid : undefined;
}
