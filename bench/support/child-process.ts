import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

export interface Started {
  readonly child: ChildProcess;
  readonly url: string;
}

/**
 * Starts a compiled entry point and waits for the stdout line announcing its URL. Its logs (stderr)
 * go to `logFile`, so the measuring process never spends CPU reading them.
 */
export function startCompiled(entry: string, env: Record<string, string>, urlPattern: RegExp, logFile: string, args: readonly string[] = [], timeoutMs = 60_000): Promise<Started> {
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'run.js'), entry, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', openSync(logFile, 'a')] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${entry} did not start in time; its log is ${logFile}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = urlPattern.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve({ child, url: match[1] });
      }
    };
    child.stdout!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${entry} exited with ${code}; its log is ${logFile}`)));
  });
}

/** Resident set size of a process, from /proc (MiB). */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return Math.round((kib / 1024) * 10) / 10;
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });
}
