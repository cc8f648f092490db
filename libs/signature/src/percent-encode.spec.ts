import fc from 'fast-check';
import { percentEncode } from './percent-encode';

describe('percentEncode', () => {
  it('keeps RFC 3986 unreserved characters literal', () => {
    expect(percentEncode('AZaz09-_.~')).toBe('AZaz09-_.~');
  });

  it("encodes the characters encodeURIComponent leaves alone: !'()*", () => {
    expect(percentEncode("!'()*")).toBe('%21%27%28%29%2A');
  });

  it('encodes a space as %20 and a plus as %2B, never as +', () => {
    expect(percentEncode('a b+c')).toBe('a%20b%2Bc');
  });

  it('encodes UTF-8 bytes with upper-case hex', () => {
    expect(percentEncode('é/中')).toBe('%C3%A9%2F%E4%B8%AD');
  });

  it('emits only unreserved characters and %XX, and decodes back to the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const encoded = percentEncode(value);
        expect(encoded).toMatch(/^(?:[A-Za-z0-9\-_.~]|%[0-9A-F]{2})*$/);
        expect(decodeURIComponent(encoded)).toBe(value);
      }),
    );
  });
});
