import { PasswordHasher } from './password-hasher';

/** A cheap cost keeps the unit test fast; the format records whatever cost was used. */
const hasher = new PasswordHasher({ log2N: 10, r: 8, p: 1 });

describe('PasswordHasher', () => {
  it('verifies the password it hashed, and nothing else', async () => {
    const stored = await hasher.hash('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await hasher.verify('correct horse battery staple', stored)).toBe(true);
    expect(await hasher.verify('correct horse battery stapl', stored)).toBe(false);
    expect(await hasher.verify('', stored)).toBe(false);
  });

  it('salts every hash and normalises Unicode so the same password typed differently still matches', async () => {
    expect(await hasher.hash('same password')).not.toBe(await hasher.hash('same password'));
    expect(await hasher.verify('caf\u0065\u0301 au lait', await hasher.hash('caf\u00e9 au lait'))).toBe(true);
  });

  it('verifies hashes made at another cost, and refuses unreadable or absurd ones', async () => {
    const stronger = await new PasswordHasher({ log2N: 11, r: 8, p: 2 }).hash('pw pw pw pw pw');
    expect(await hasher.verify('pw pw pw pw pw', stronger)).toBe(true);
    expect(await hasher.verify('pw', 'plain-text-password')).toBe(false);
    expect(await hasher.verify('pw', stronger.replace('ln=11', 'ln=40'))).toBe(false);
  });

  it('answers a decoy check with false', async () => {
    expect(await hasher.verifyDecoy('anything')).toBe(false);
  });
});
