import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Operator passwords, hashed with scrypt (node:crypto) and a 16-byte random salt per password.
 * Parameters: N = 2^15, r = 8, p = 1, 32-byte key — about 32 MiB and tens of milliseconds per
 * hash, OWASP's recommended scrypt floor. The stored string names its parameters
 * (`scrypt$15$8$1$salt$hash`), so they can be raised later without invalidating old hashes.
 */
export interface ScryptParameters {
  readonly log2N: number;
  readonly r: number;
  readonly p: number;
}

export const DEFAULT_SCRYPT: ScryptParameters = { log2N: 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_BYTES = 16;

function derive(password: string, salt: Buffer, params: ScryptParameters): Promise<Buffer> {
  const N = 2 ** params.log2N;
  // scrypt needs 128·N·r bytes; allow twice that so Node's 32 MiB default does not refuse N = 2^15.
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r };
  return new Promise((resolve, reject) => scrypt(password, salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))));
}

export class PasswordHasher {
  private dummy: Promise<string> | undefined;

  constructor(private readonly params: ScryptParameters = DEFAULT_SCRYPT) {}

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const key = await derive(password, salt, this.params);
    const { log2N, r, p } = this.params;
    return `scrypt$${log2N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
  }

  /** Constant-time comparison; a malformed stored hash never matches. */
  async verify(password: string, stored: string): Promise<boolean> {
    const parts = stored.split('$');
    if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
    const [log2N, r, p] = parts.slice(1, 4).map(Number);
    if (![log2N, r, p].every((n) => Number.isInteger(n) && n > 0) || log2N > 20) return false;
    const expected = Buffer.from(parts[5], 'base64url');
    const actual = await derive(password, Buffer.from(parts[4], 'base64url'), { log2N, r, p });
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }

  /** Spends the same work for an unknown username, so response time does not reveal which usernames exist. */
  async verifyNobody(password: string): Promise<false> {
    this.dummy ??= this.hash('no operator has this password');
    await this.verify(password, await this.dummy);
    return false;
  }
}
