import type { DomainSpec } from '@ecs/contracts';
import { rename } from 'node:fs/promises';
import { InvalidDomainSpecError } from '../errors/hypervisor-errors';
import type { DomainPaths } from './domain-folder';
import { messageOf } from './domain-record';
import { createOverlay, growImage, inspectImage } from './qemu-img';

const GIB = 1024 ** 3;

export interface DiskTools {
  readonly qemuImgBinary: string;
  readonly imageResolver: (imageId: string) => Promise<string>;
}

/**
 * Gives the domain its system disk: a qcow2 overlay of `diskGiB` over the image's base file. A
 * redefinition with another image starts from a fresh overlay; with a larger disk the overlay grows.
 * @throws InvalidDomainSpecError for an unknown or unreadable image, a disk smaller than the image,
 *   or a disk that would shrink.
 */
export async function prepareDomainDisk(tools: DiskTools, spec: DomainSpec, previous: DomainSpec | undefined, paths: DomainPaths): Promise<void> {
  const sizeBytes = spec.diskGiB * GIB;
  if (previous && previous.imageId === spec.imageId) {
    if (spec.diskGiB < previous.diskGiB) throw new InvalidDomainSpecError(spec.instanceId, 'a disk cannot shrink');
    if (spec.diskGiB > previous.diskGiB) await growImage(tools.qemuImgBinary, paths.disk, sizeBytes);
    return;
  }
  const base = await baseImage(tools, spec);
  if (base.virtualSizeBytes > sizeBytes) {
    throw new InvalidDomainSpecError(spec.instanceId, `image ${spec.imageId} needs ${Math.ceil(base.virtualSizeBytes / GIB)} GiB of disk`);
  }
  // Built aside and renamed, so a failure leaves the previous disk whole.
  const fresh = `${paths.disk}.new`;
  await createOverlay(tools.qemuImgBinary, base.path, base.format, fresh, sizeBytes);
  await rename(fresh, paths.disk);
}

async function baseImage(tools: DiskTools, spec: DomainSpec): Promise<{ path: string; format: string; virtualSizeBytes: number }> {
  try {
    const path = await tools.imageResolver(spec.imageId);
    return { path, ...(await inspectImage(tools.qemuImgBinary, path)) };
  } catch (error) {
    throw new InvalidDomainSpecError(spec.instanceId, `image ${spec.imageId} is not usable: ${messageOf(error)}`);
  }
}
