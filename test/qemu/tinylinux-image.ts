import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BUILD_SCRIPT = resolve(__dirname, '../../deploy/images/build-tinylinux.sh');

/** The image id the build script's manifest (tinylinux.json) gives the image. */
export const TINYLINUX_IMAGE_ID = 'tinylinux_6_1_x64_busybox';

/**
 * The tinylinux image's path, built (or found up to date) by the project's script, which also
 * installs QEMU. Fails loudly when that is impossible: these tests are never skipped.
 */
export async function buildTinylinux(): Promise<string> {
  const { stdout } = await run('bash', [BUILD_SCRIPT], { maxBuffer: 16 * 1024 * 1024 });
  const [path, sha256] = stdout.trim().split('\n').slice(-2);
  if (!path || !/^[0-9a-f]{64}$/.test(sha256 ?? '')) throw new Error(`build-tinylinux.sh printed no image path and sha256: ${stdout}`);
  return path;
}
