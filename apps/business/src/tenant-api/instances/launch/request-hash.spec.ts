import fc from 'fast-check';
import { canonicalJson, sha256Hex } from './request-hash';

describe('canonicalJson', () => {
  it('does not depend on key insertion order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue()), (object) => {
        const reversed = Object.fromEntries(Object.entries(object).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(object));
      }),
    );
  });

  it('keeps array order and drops undefined members', () => {
    expect(canonicalJson({ b: [2, 1], a: undefined, c: { z: 1, y: null } })).toBe('{"b":[2,1],"c":{"y":null,"z":1}}');
  });

  it('loses nothing: parsing it back gives the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('hashes to 64 hex characters', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
