import { createHash } from 'node:crypto';

/** A small valid qcow2 (version 3) header followed by some clusters' worth of bytes. */
export function qcow2Image(virtualSizeBytes = 3 * 1024 ** 3, totalBytes = 256 * 1024): Buffer {
  const image = Buffer.alloc(totalBytes);
  image.write('QFI\xfb', 0, 'latin1');
  image.writeUInt32BE(3, 4);
  image.writeUInt32BE(16, 20);
  image.writeBigUInt64BE(BigInt(virtualSizeBytes), 24);
  image.writeUInt32BE(104, 100);
  for (let i = 4096; i < totalBytes; i++) image[i] = (i * 7) % 256;
  return image;
}

/** A raw disk with an MBR signature, whole sectors. */
export function rawImage(totalBytes = 1024 * 1024, seed = 1): Buffer {
  const image = Buffer.alloc(totalBytes);
  for (let i = 512; i < totalBytes; i++) image[i] = (i * seed + 13) % 256;
  image[510] = 0x55;
  image[511] = 0xaa;
  return image;
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
