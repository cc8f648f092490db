import { kvmProbeImage } from './kvm-probe';

describe('kvmProbeImage', () => {
  const image = kvmProbeImage();

  it('is one BIOS-bootable sector', () => {
    expect(image.length).toBe(512);
    expect(image.subarray(510)).toEqual(Buffer.from([0x55, 0xaa]));
  });

  it('loads a GDT of three descriptors from where the code says it is', () => {
    // lgdt 0x7c58: a 16-bit limit then a 32-bit base, both relative to the load address 0x7c00.
    expect(image.subarray(0x0a, 0x0f)).toEqual(Buffer.from([0x0f, 0x01, 0x16, 0x58, 0x7c]));
    expect(image.readUInt16LE(0x58)).toBe(3 * 8 - 1);
    expect(image.readUInt32LE(0x5a)).toBe(0x7c40);
    expect(image.readBigUInt64LE(0x48)).toBe(0x00cf9a000000ffffn);
    expect(image.readBigUInt64LE(0x50)).toBe(0x00cf92000000ffffn);
  });

  it('ends with an iretl and a write of 1 to the debug-exit port', () => {
    expect(image.subarray(0x31, 0x36)).toEqual(Buffer.from([0xcf, 0xb0, 0x01, 0xe6, 0xf4]));
  });
});
