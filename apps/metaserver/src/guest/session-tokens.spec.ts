import fc from 'fast-check';
import { parseTokenTtl, SessionTokens } from './session-tokens';

describe('SessionTokens', () => {
  let now = 1_700_000_000_000;
  const tokens = new SessionTokens(Buffer.alloc(32, 7), () => now);

  it('accepts a token on the instance it was minted for until it expires', () => {
    const token = tokens.mint('i-a', 60);
    expect(tokens.isValid('i-a', token)).toBe(true);
    now += 59_000;
    expect(tokens.isValid('i-a', token)).toBe(true);
    now += 1_000;
    expect(tokens.isValid('i-a', token)).toBe(false);
  });

  it('never accepts a token on another instance', () => {
    const token = tokens.mint('i-a', 600);
    expect(tokens.isValid('i-b', token)).toBe(false);
    expect(tokens.isValid('i-a2', token)).toBe(false);
  });

  it('refuses tokens of another key, and any tampering', () => {
    const token = tokens.mint('i-a', 600);
    expect(new SessionTokens(Buffer.alloc(32, 8), () => now).isValid('i-a', token)).toBe(false);
    fc.assert(
      fc.property(fc.nat(token.length - 2), fc.constantFrom(...'ABCxyz019-_'.split('')), (position, replacement) => {
        fc.pre(token[position] !== replacement);
        const tampered = token.slice(0, position) + replacement + token.slice(position + 1);
        expect(tokens.isValid('i-a', tampered)).toBe(false);
      }),
    );
    for (const junk of ['', 'x', token + 'A', token.slice(1), 'A'.repeat(75)]) expect(tokens.isValid('i-a', junk)).toBe(false);
  });

  it('mints distinct tokens', () => {
    expect(tokens.mint('i-a', 60)).not.toBe(tokens.mint('i-a', 60));
  });
});

describe('parseTokenTtl', () => {
  it('accepts whole seconds from 1 to 21600', () => {
    expect(parseTokenTtl('1')).toBe(1);
    expect(parseTokenTtl('21600')).toBe(21600);
    for (const bad of [undefined, '', '0', '21601', '-5', '1.5', 'ten', '99999999', ['60']]) expect(parseTokenTtl(bad)).toBeUndefined();
  });
});
