import { InternalToken } from './internal-token';

describe('InternalToken', () => {
  const token = new InternalToken('a'.repeat(40));

  it('accepts only the exact token', () => {
    expect(token.matches('a'.repeat(40))).toBe(true);
    expect(token.matches('a'.repeat(39))).toBe(false);
    expect(token.matches(`${'a'.repeat(40)}x`)).toBe(false);
    expect(token.matches(undefined)).toBe(false);
  });

  it('takes the token from a Bearer authorization header only', () => {
    expect(InternalToken.fromHeader('Bearer abc')).toBe('abc');
    expect(InternalToken.fromHeader('Basic abc')).toBeUndefined();
    expect(InternalToken.fromHeader('Bearer a b')).toBeUndefined();
    expect(InternalToken.fromHeader(['Bearer abc'])).toBeUndefined();
    expect(InternalToken.fromHeader(undefined)).toBeUndefined();
  });
});
