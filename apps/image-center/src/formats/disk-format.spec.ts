import fc from 'fast-check';
import { HEADER_BYTES, inspectHeader, judgeDisk, matchesDeclared, MAX_VIRTUAL_SIZE_BYTES } from './disk-format';

interface Qcow2Fields {
  version?: number;
  backingFileOffset?: bigint;
  clusterBits?: number;
  virtualSize?: bigint;
  cryptMethod?: number;
  incompatible?: bigint;
}

function qcow2Header(fields: Qcow2Fields = {}): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.write('QFI\xfb', 0, 'latin1');
  header.writeUInt32BE(fields.version ?? 3, 4);
  header.writeBigUInt64BE(fields.backingFileOffset ?? 0n, 8);
  header.writeUInt32BE(fields.clusterBits ?? 16, 20);
  header.writeBigUInt64BE(fields.virtualSize ?? 1024n ** 3n, 24);
  header.writeUInt32BE(fields.cryptMethod ?? 0, 32);
  header.writeBigUInt64BE(fields.incompatible ?? 0n, 72);
  return header;
}

function rawWith(write: (header: Buffer) => void): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  write(header);
  return header;
}

const mbr = rawWith((h) => h.set([0x55, 0xaa], 510));

describe('disk format detection', () => {
  it('accepts qcow2 versions 2 and 3 and reads the virtual size', () => {
    expect(inspectHeader(qcow2Header({ version: 2 }))).toEqual({ kind: 'qcow2', virtualSizeBytes: 1024 ** 3 });
    expect(judgeDisk(inspectHeader(qcow2Header({ virtualSize: 5n * 1024n ** 3n })), 200_000)).toEqual({ kind: 'accepted', format: 'qcow2', virtualSizeBytes: 5 * 1024 ** 3 });
  });

  it('refuses qcow2 that points outside the file, is encrypted, corrupt, empty or too big', () => {
    const reasons = [
      qcow2Header({ backingFileOffset: 512n }),
      qcow2Header({ incompatible: 1n << 2n }),
      qcow2Header({ cryptMethod: 1 }),
      qcow2Header({ incompatible: 1n << 1n }),
      qcow2Header({ incompatible: 1n << 9n }),
      qcow2Header({ version: 4 }),
      qcow2Header({ clusterBits: 30 }),
      qcow2Header({ virtualSize: 0n }),
      qcow2Header({ virtualSize: BigInt(MAX_VIRTUAL_SIZE_BYTES) + 1n }),
      qcow2Header().subarray(0, 50),
    ].map((header) => inspectHeader(header));
    expect(reasons.map((r) => r.kind)).toEqual(Array(10).fill('rejected'));
    expect(reasons[0]).toMatchObject({ reason: expect.stringContaining('backing file') });
    expect(reasons[1]).toMatchObject({ reason: expect.stringContaining('external data file') });
  });

  it('accepts the dirty, zstd and extended-L2 qcow2 features', () => {
    expect(inspectHeader(qcow2Header({ incompatible: (1n << 0n) | (1n << 3n) | (1n << 4n) })).kind).toBe('qcow2');
  });

  it('recognises raw disks by MBR, GPT, ext and XFS signatures', () => {
    expect(inspectHeader(mbr)).toEqual({ kind: 'raw', layout: 'mbr' });
    expect(inspectHeader(rawWith((h) => h.write('EFI PART', 512, 'latin1')))).toEqual({ kind: 'raw', layout: 'gpt' });
    expect(inspectHeader(rawWith((h) => h.write('EFI PART', 4096, 'latin1')))).toEqual({ kind: 'raw', layout: 'gpt' });
    expect(inspectHeader(rawWith((h) => h.writeUInt16LE(0xef53, 1080)))).toEqual({ kind: 'raw', layout: 'ext' });
    expect(inspectHeader(rawWith((h) => h.write('XFSB', 0, 'latin1')))).toEqual({ kind: 'raw', layout: 'xfs' });
  });

  it('sizes a raw disk by its length, which must be whole sectors', () => {
    expect(judgeDisk(inspectHeader(mbr), 3 * 512)).toEqual({ kind: 'accepted', format: 'raw', virtualSizeBytes: 1536 });
    expect(judgeDisk(inspectHeader(mbr), 1000)).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('sectors') });
  });

  it('names the formats it refuses', () => {
    const verdicts = [rawWith((h) => h.write('KDMV', 0, 'latin1')), rawWith((h) => h.write('vhdxfile', 0, 'latin1')), Buffer.from([0x1f, 0x8b, 8, 0])].map(inspectHeader);
    expect(verdicts).toEqual([
      { kind: 'rejected', reason: expect.stringContaining('VMDK') },
      { kind: 'rejected', reason: expect.stringContaining('VHDX') },
      { kind: 'rejected', reason: expect.stringContaining('gzip') },
    ]);
  });

  it('refuses anything without a known signature', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
        const header = Buffer.from(bytes);
        const verdict = inspectHeader(header);
        const hasSignature = header.length >= 512 && ((header[510] === 0x55 && header[511] === 0xaa) || header.toString('latin1', 512, 520) === 'EFI PART');
        const hasFsMagic = (header.length >= 1082 && header.readUInt16LE(1080) === 0xef53) || header.toString('latin1', 0, 4) === 'XFSB' || header.toString('latin1', 0, 4) === 'QFI\xfb';
        if (!hasSignature && !hasFsMagic) expect(verdict.kind).toBe('rejected');
      }),
    );
    expect(inspectHeader(Buffer.from('hello, world')).kind).toBe('rejected');
  });

  it('fails an import whose content differs from the declared format', () => {
    const qcow2 = judgeDisk(inspectHeader(qcow2Header()), 4096);
    expect(matchesDeclared(qcow2, 'qcow2')).toBe(qcow2);
    expect(matchesDeclared(qcow2, undefined)).toBe(qcow2);
    expect(matchesDeclared(qcow2, 'raw')).toEqual({ kind: 'rejected', reason: 'the image was declared RAW but its content is QCOW2' });
  });
});
