import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The files of one domain, all inside `<stateDir>/<instanceId>/`. */
export interface DomainPaths {
  readonly dir: string;
  /** The DomainSpec as JSON: a folder without it is a define that never finished. */
  readonly spec: string;
  /** Why the domain last stopped, so a new driver reports the same shutoff reason. */
  readonly status: string;
  /** qcow2 overlay on the image's base file. */
  readonly disk: string;
  readonly qmp: string;
  readonly serial: string;
  /** The bounded serial console log. */
  readonly console: string;
  /** Written by QEMU itself; with the process's command line it identifies the QEMU to re-attach to. */
  readonly pid: string;
  /** QEMU's own stderr: the cause when a start fails. */
  readonly qemuLog: string;
}

export function domainPaths(stateDir: string, instanceId: string): DomainPaths {
  const dir = join(stateDir, instanceId);
  return {
    dir,
    spec: join(dir, 'spec.json'),
    status: join(dir, 'status.json'),
    disk: join(dir, 'disk.qcow2'),
    qmp: join(dir, 'qmp.sock'),
    serial: join(dir, 'serial.sock'),
    console: join(dir, 'console.log'),
    pid: join(dir, 'qemu.pid'),
    qemuLog: join(dir, 'qemu.log'),
  };
}

/** Write-then-rename, so a crash never leaves half a file behind. */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, JSON.stringify(value, null, 2) + '\n');
  await rename(temporary, path);
}

/** The parsed file, or undefined when it does not exist. */
export async function readJsonIfExists(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

export async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

export async function ensureDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true });
}

export async function removeQuietly(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true });
}

/** By code, not by class: errors from node's fs may come from another realm (e.g. under jest). */
export function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === 'ENOENT';
}
