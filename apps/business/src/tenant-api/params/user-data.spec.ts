import fc from 'fast-check';
import { isBase64, MAX_USER_DATA_LENGTH, optionalUserData } from './user-data';

describe('UserData', () => {
  it('accepts any Base64 encoding up to 32 KiB of text, unchanged', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 2048 }), (bytes) => {
        const encoded = Buffer.from(bytes).toString('base64');
        expect(optionalUserData({ UserData: encoded })).toBe(encoded);
      }),
    );
    const largest = 'A'.repeat(MAX_USER_DATA_LENGTH);
    expect(optionalUserData({ UserData: largest })).toBe(largest);
  });

  it('reports text over 32 KiB as SizeExceeded, whatever it holds', () => {
    expect(() => optionalUserData({ UserData: 'A'.repeat(MAX_USER_DATA_LENGTH + 4) })).toThrow(
      expect.objectContaining({ code: 'InvalidUserData.SizeExceeded' }),
    );
  });

  it('reports text that is not Base64 as Base64FormatInvalid', () => {
    for (const text of ['#!/bin/sh', 'abc', 'ab=c', 'a===', 'YWJj\n', 'YW-j']) {
      expect(isBase64(text)).toBe(false);
      expect(() => optionalUserData({ UserData: text })).toThrow(expect.objectContaining({ code: 'InvalidUserData.Base64FormatInvalid' }));
    }
  });
});
