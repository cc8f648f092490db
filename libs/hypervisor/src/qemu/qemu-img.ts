import { execFile } from 'node:child_process';
import { rename, rm } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ImageInfo {
  readonly format: string;
  readonly virtualSizeBytes: number;
}

/** Format and size of a disk image. Force-share: running guests may hold the base open. */
export async function inspectImage(qemuImg: string, path: string): Promise<ImageInfo> {
  const { stdout } = await run(qemuImg, ['info', '--force-share', '--output=json', path]);
  const info = JSON.parse(stdout) as { format?: unknown; 'virtual-size'?: unknown };
  if (typeof info.format !== 'string' || typeof info['virtual-size'] !== 'number') {
    throw new Error(`qemu-img info gave no format or size for ${path}`);
  }
  return { format: info.format, virtualSizeBytes: info['virtual-size'] };
}

/** A copy-on-write disk over `base`: the base is never written, so many domains share it. */
export async function createOverlay(qemuImg: string, base: string, baseFormat: string, overlay: string, sizeBytes: number): Promise<void> {
  await run(qemuImg, ['create', '-q', '-f', 'qcow2', '-b', base, '-F', baseFormat, overlay, String(sizeBytes)]);
}

export async function growImage(qemuImg: string, path: string, sizeBytes: number): Promise<void> {
  await run(qemuImg, ['resize', '-q', '-f', 'qcow2', path, String(sizeBytes)]);
}

/**
 * A standalone qcow2 copy of `source` with its backing chain merged in (no backing file, unallocated
 * clusters left out). Written aside and renamed, so a failed copy leaves nothing at `destination`.
 */
export async function flattenImage(qemuImg: string, source: string, destination: string): Promise<void> {
  const partial = `${destination}.partial`;
  try {
    await run(qemuImg, ['convert', '-q', '-f', 'qcow2', '-O', 'qcow2', source, partial]);
    await rename(partial, destination);
  } finally {
    await rm(partial, { force: true });
  }
}
