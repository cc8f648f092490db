import { constantTimeEquals } from './constant-time';

describe('constantTimeEquals', () => {
  it('is true only for identical strings', () => {
    expect(constantTimeEquals('abc=', 'abc=')).toBe(true);
    expect(constantTimeEquals('abc=', 'abd=')).toBe(false);
  });

  it('is false, without throwing, for strings of different lengths', () => {
    expect(constantTimeEquals('abc=', 'abc')).toBe(false);
    expect(constantTimeEquals('', 'a')).toBe(false);
  });

  it('compares bytes, not UTF-16 lengths', () => {
    expect(constantTimeEquals('é', 'e\u0301')).toBe(false);
  });
});
