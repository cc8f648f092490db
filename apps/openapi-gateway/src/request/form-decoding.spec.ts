import fc from 'fast-check';
import { encodeRpcParams } from '@ecs/signature';
import { decodeFormInto, emptyParams } from './form-decoding';

function decode(encoded: string): Record<string, string> {
  const params = emptyParams();
  decodeFormInto(encoded, params);
  return { ...params };
}

describe('decodeFormInto', () => {
  it('decodes what a client encodes, for any parameter names and values', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'binary', minLength: 1 }), fc.string({ unit: 'binary' })), (params) => {
        expect(decode(encodeRpcParams(params))).toEqual({ ...params });
      }),
    );
  });

  it('reads + as a space, as form encoding does, and %2B as a plus', () => {
    expect(decode('a=x+y&b=x%2By')).toEqual({ a: 'x y', b: 'x+y' });
  });

  it('takes a bare key as an empty value and skips empty pairs', () => {
    expect(decode('a&&b=')).toEqual({ a: '', b: '' });
  });

  it('keeps __proto__ and constructor as ordinary parameters', () => {
    const params = emptyParams();
    decodeFormInto('__proto__=x&constructor=y', params);
    expect(Object.getPrototypeOf(params)).toBeNull();
    expect(Object.keys(params)).toEqual(['__proto__', 'constructor']);
  });

  it.each(['a=%ZZ', 'a=%E4%B8', '%=1', 'a=%'])('rejects malformed percent-encoding in %p', (encoded) => {
    expect(() => decode(encoded)).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
  });

  it('rejects a parameter given twice, also across query and body', () => {
    expect(() => decode('a=1&a=1')).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
    const params = emptyParams();
    decodeFormInto('a=1', params);
    expect(() => decodeFormInto('a=2', params)).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
  });
});
