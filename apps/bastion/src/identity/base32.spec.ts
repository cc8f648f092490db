import fc from 'fast-check';
import { base32Decode, base32Encode } from './base32';

describe('base32 (RFC 4648)', () => {
  it('matches the RFC test vectors, unpadded', () => {
    const vectors: [string, string][] = [['', ''], ['f', 'MY'], ['fo', 'MZXQ'], ['foo', 'MZXW6'], ['foob', 'MZXW6YQ'], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI']];
    for (const [plain, encoded] of vectors) {
      expect(base32Encode(Buffer.from(plain))).toBe(encoded);
      expect(base32Decode(encoded)?.toString()).toBe(plain);
    }
    expect(base32Decode('mzxw6ytboi======')?.toString()).toBe('foobar');
  });

  it('round-trips any bytes and refuses characters outside the alphabet', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => base32Decode(base32Encode(Buffer.from(bytes)))!.equals(Buffer.from(bytes))));
    expect(base32Decode('MZXW1')).toBeUndefined();
    expect(base32Decode('MZ XW')).toBeUndefined();
  });
});
