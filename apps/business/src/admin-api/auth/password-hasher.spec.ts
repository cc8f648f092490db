import { DEFAULT_SCRYPT, PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  // Cheaper parameters keep the unit test fast; the stored string records whichever were used.
  const hasher = new PasswordHasher({ log2N: 10, r: 8, p: 1 });

  it('verifies the password it hashed and nothing else', async () => {
    const stored = await hasher.hash('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$10\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    await expect(hasher.verify('correct horse battery staple', stored)).resolves.toBe(true);
    await expect(hasher.verify('correct horse battery stapler', stored)).resolves.toBe(false);
  });

  it('salts every hash, so equal passwords do not look equal', async () => {
    expect(await hasher.hash('same password!')).not.toBe(await hasher.hash('same password!'));
  });

  it('never matches a malformed or foreign hash', async () => {
    for (const stored of ['', 'plain', 'scrypt$10$8$1$salt', 'bcrypt$10$8$1$c2FsdA$aGFzaA', 'scrypt$99$8$1$c2FsdA$aGFzaA']) {
      await expect(hasher.verify('anything', stored)).resolves.toBe(false);
    }
    await expect(hasher.verifyNobody('anything')).resolves.toBe(false);
  });

  it('defaults to the documented scrypt parameters', async () => {
    expect(DEFAULT_SCRYPT).toEqual({ log2N: 15, r: 8, p: 1 });
    const stored = await new PasswordHasher().hash('a password for the defaults');
    expect(stored.startsWith('scrypt$15$8$1$')).toBe(true);
  });
});
