import type { DiskImageFormat } from '@ecs/contracts';

/**
 * What the image center accepts, decided from the first bytes of the content and its length:
 *
 * - **qcow2**: magic `QFI\xfb`, version 2 or 3, a virtual size of 1 byte … 2 TiB, no encryption, and
 *   nothing that points outside the file — no backing file and no external data file (either would
 *   make the hypervisor host open a path the tenant chose). Version 3 images marked corrupt, or with
 *   incompatible features this platform does not know, are refused as QEMU would refuse them.
 * - **raw**: a whole number of 512-byte sectors that starts like a bootable or mountable disk — an
 *   MBR / boot-sector signature (0x55AA at 510; FAT volumes carry it too), a GPT header (`EFI PART`
 *   at 512 or 4096), an ext2/3/4 superblock (0xEF53 at 1080) or an XFS superblock (`XFSB` at 0).
 *
 * Anything else is refused, with a hint for the usual suspects (VMDK, VHD/VHDX, VDI, archives).
 */
export const HEADER_BYTES = 8192;

/** ECS's largest system disk: an image whose disk is bigger could never boot an instance. */
export const MAX_VIRTUAL_SIZE_BYTES = 2048 * 1024 ** 3;

const SECTOR = 512;

export type HeaderVerdict =
  | { readonly kind: 'qcow2'; readonly virtualSizeBytes: number }
  | { readonly kind: 'raw'; readonly layout: RawLayout }
  | { readonly kind: 'rejected'; readonly reason: string };

export type RawLayout = 'mbr' | 'gpt' | 'ext' | 'xfs';

export type DiskVerdict =
  | { readonly kind: 'accepted'; readonly format: DiskImageFormat; readonly virtualSizeBytes: number }
  | { readonly kind: 'rejected'; readonly reason: string };

/** Judges the content from its first {@link HEADER_BYTES} bytes (fewer if the content is shorter). */
export function inspectHeader(header: Buffer): HeaderVerdict {
  if (header.length >= 4 && header.readUInt32BE(0) === QCOW2_MAGIC) return inspectQcow2(header);
  const foreign = FOREIGN_FORMATS.find((candidate) => candidate.matches(header));
  if (foreign) return { kind: 'rejected', reason: `${foreign.name} is not supported; convert the image to qcow2 or raw` };
  const layout = rawLayout(header);
  if (layout === undefined) {
    return { kind: 'rejected', reason: 'not a qcow2 image, and no partition table, boot sector or ext/XFS file system found for a raw image' };
  }
  return { kind: 'raw', layout };
}

/** The final word, once the whole content has been read and its length is known. */
export function judgeDisk(verdict: HeaderVerdict, totalBytes: number): DiskVerdict {
  switch (verdict.kind) {
    case 'rejected':
      return verdict;
    case 'qcow2':
      return { kind: 'accepted', format: 'qcow2', virtualSizeBytes: verdict.virtualSizeBytes };
    case 'raw':
      if (totalBytes % SECTOR !== 0) return { kind: 'rejected', reason: `a raw image is a whole number of ${SECTOR}-byte sectors; this one is ${totalBytes} bytes` };
      if (totalBytes > MAX_VIRTUAL_SIZE_BYTES) return { kind: 'rejected', reason: 'the disk is larger than 2 TiB' };
      return { kind: 'accepted', format: 'raw', virtualSizeBytes: totalBytes };
  }
}

/** Checks the declared format (ImportImage's Format) against what the content turned out to be. */
export function matchesDeclared(verdict: DiskVerdict, declared: DiskImageFormat | undefined): DiskVerdict {
  if (verdict.kind === 'rejected' || declared === undefined || declared === verdict.format) return verdict;
  return { kind: 'rejected', reason: `the image was declared ${declared.toUpperCase()} but its content is ${verdict.format.toUpperCase()}` };
}

const QCOW2_MAGIC = 0x514649fb; // "QFI\xfb"
const QCOW2_V2_HEADER_BYTES = 72;
const QCOW2_V3_HEADER_BYTES = 104;
const QCOW2_INCOMPATIBLE = { dirty: 1n << 0n, corrupt: 1n << 1n, externalDataFile: 1n << 2n, compressionType: 1n << 3n, extendedL2: 1n << 4n };
const QCOW2_KNOWN_INCOMPATIBLE = Object.values(QCOW2_INCOMPATIBLE).reduce((all, bit) => all | bit, 0n);

function inspectQcow2(header: Buffer): HeaderVerdict {
  const version = header.length >= 8 ? header.readUInt32BE(4) : 0;
  if (version !== 2 && version !== 3) return { kind: 'rejected', reason: `qcow2 version ${version} is not supported (only 2 and 3)` };
  const headerBytes = version === 2 ? QCOW2_V2_HEADER_BYTES : QCOW2_V3_HEADER_BYTES;
  if (header.length < headerBytes) return { kind: 'rejected', reason: 'the qcow2 header is truncated' };
  if (header.readBigUInt64BE(8) !== 0n) return { kind: 'rejected', reason: 'qcow2 images with a backing file are not accepted; flatten the image first' };
  const clusterBits = header.readUInt32BE(20);
  if (clusterBits < 9 || clusterBits > 21) return { kind: 'rejected', reason: `the qcow2 cluster size 2^${clusterBits} is invalid` };
  const virtualSize = header.readBigUInt64BE(24);
  if (virtualSize === 0n) return { kind: 'rejected', reason: 'the qcow2 virtual disk is empty' };
  if (virtualSize > BigInt(MAX_VIRTUAL_SIZE_BYTES)) return { kind: 'rejected', reason: 'the disk is larger than 2 TiB' };
  if (header.readUInt32BE(32) !== 0) return { kind: 'rejected', reason: 'encrypted qcow2 images are not accepted' };
  if (version === 3) {
    const incompatible = header.readBigUInt64BE(72);
    if (incompatible & QCOW2_INCOMPATIBLE.corrupt) return { kind: 'rejected', reason: 'the qcow2 image is marked corrupt' };
    if (incompatible & QCOW2_INCOMPATIBLE.externalDataFile) return { kind: 'rejected', reason: 'qcow2 images with an external data file are not accepted' };
    if (incompatible & ~QCOW2_KNOWN_INCOMPATIBLE) return { kind: 'rejected', reason: 'the qcow2 image uses features this platform does not support' };
  }
  return { kind: 'qcow2', virtualSizeBytes: Number(virtualSize) };
}

function rawLayout(header: Buffer): RawLayout | undefined {
  if (hasAscii(header, 512, 'EFI PART') || hasAscii(header, 4096, 'EFI PART')) return 'gpt';
  if (header.length >= 1082 && header.readUInt16LE(1080) === 0xef53) return 'ext';
  if (hasAscii(header, 0, 'XFSB')) return 'xfs';
  if (header.length >= SECTOR && header[510] === 0x55 && header[511] === 0xaa) return 'mbr';
  return undefined;
}

function hasAscii(header: Buffer, offset: number, text: string): boolean {
  return header.length >= offset + text.length && header.toString('latin1', offset, offset + text.length) === text;
}

const FOREIGN_FORMATS: ReadonlyArray<{ name: string; matches(header: Buffer): boolean }> = [
  { name: 'VMDK', matches: (h) => hasAscii(h, 0, 'KDMV') || hasAscii(h, 0, '# Disk DescriptorFile') },
  { name: 'VHDX', matches: (h) => hasAscii(h, 0, 'vhdxfile') },
  { name: 'VHD', matches: (h) => hasAscii(h, 0, 'conectix') },
  { name: 'VDI', matches: (h) => h.length >= 68 && h.readUInt32LE(64) === 0xbeda107f },
  { name: 'a gzip archive', matches: (h) => h.length >= 2 && h[0] === 0x1f && h[1] === 0x8b },
  { name: 'an xz archive', matches: (h) => hasAscii(h, 0, '\xfd7zXZ\x00') },
  { name: 'a zip archive', matches: (h) => hasAscii(h, 0, 'PK\x03\x04') },
];
