import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { ImageArchitecture } from '@ecs/contracts';
import type { Logger } from '@ecs/observability';
import type { ImageCenter } from '../create-image-center';

/**
 * A system image as deploy/images describes what it built (e.g. `npm run images:tinylinux` writes
 * `.infra/images/tinylinux.json`): the disk file beside the manifest and its checksum. The OS
 * fields are optional; a manifest without them is a 64-bit Linux. Read by whoever starts the
 * image center: the all-in-one, or the image center's own process in a cluster.
 */
interface SystemImageManifest {
  readonly imageId: string;
  readonly file: string;
  readonly sha256: string;
  readonly kernel?: string;
  readonly osName?: string;
  readonly platform?: string;
  readonly architecture?: ImageArchitecture;
}

const IMAGE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Registers the system image of each manifest that exists, so that it can be launched and each host
 * can pull it. Idempotent: an image that already has content is left as it is. A manifest that is
 * missing is skipped (the image was not built); one that is unusable is logged, and the platform
 * starts without it.
 * @returns the ids of the images now registered.
 */
export async function registerSystemImages(imageCenter: Pick<ImageCenter, 'registerSystemImage'>, regionId: string, manifestPaths: readonly string[], log: Logger): Promise<string[]> {
  const registered: string[] = [];
  for (const manifestPath of manifestPaths.map((path) => resolve(path))) {
    if (!existsSync(manifestPath)) {
      log.debug('no system image manifest', { manifestPath });
      continue;
    }
    try {
      const manifest = parseManifest(await readFile(manifestPath, 'utf8'));
      const image = await imageCenter.registerSystemImage({
        imageId: manifest.imageId,
        regionId,
        file: resolve(dirname(manifestPath), manifest.file),
        imageName: manifest.imageId,
        description: manifest.kernel === undefined ? `system image ${manifest.imageId}` : `${manifest.imageId}: ${manifest.kernel}`,
        osName: manifest.osName ?? 'Linux 64 bit',
        os: { osType: 'linux', platform: manifest.platform ?? 'Others Linux', architecture: manifest.architecture ?? 'x86_64' },
      });
      // An image id keeps the content it was first registered with; a rebuild needs a new id.
      if (image.blobDigest !== manifest.sha256) log.warn('system image keeps its earlier content; the manifest describes other content', { imageId: manifest.imageId, manifestPath });
      registered.push(manifest.imageId);
    } catch (error) {
      log.warn('system image not registered', { manifestPath, error });
    }
  }
  return registered;
}

function parseManifest(text: string): SystemImageManifest {
  const value = JSON.parse(text) as Partial<Record<keyof SystemImageManifest, unknown>>;
  const { imageId, file, sha256 } = value;
  if (typeof imageId !== 'string' || !IMAGE_ID.test(imageId)) throw new Error('the manifest has no valid imageId');
  if (typeof file !== 'string' || file === '') throw new Error('the manifest names no file');
  if (typeof sha256 !== 'string' || !SHA256.test(sha256)) throw new Error('the manifest has no sha256');
  return {
    imageId,
    file,
    sha256,
    ...(typeof value.kernel === 'string' && { kernel: value.kernel }),
    ...(typeof value.osName === 'string' && { osName: value.osName }),
    ...(typeof value.platform === 'string' && { platform: value.platform }),
    ...((value.architecture === 'x86_64' || value.architecture === 'arm64') && { architecture: value.architecture }),
  };
}
