import { execFile } from 'node:child_process';
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
