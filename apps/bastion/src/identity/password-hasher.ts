import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Passwords are stored as scrypt hashes in a self-describing string, so the cost can be raised
 * later without breaking stored hashes. The default follows OWASP's scrypt guidance
 * (N=2^15, r=8, p=3: 32 MiB and about a tenth of a second per guess).
 */
export interface ScryptCost {
  readonly log2N: number;
  readonly r: number;
  readonly p: number;
}

export const DEFAULT_SCRYPT_COST: ScryptCost = { log2N: 15, r: 8, p: 3 };

const KEY_LENGTH = 32;
/** Beyond this one hash would need gigabytes: such a stored value is corrupt, not strong. */
const MAX_LOG2N = 20;
const FORMAT = /^scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9_-]{22,})\$([A-Za-z0-9_-]{43})$/;

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = { N: 2 ** cost.log2N, r: cost.r, p: cost.p, maxmem: 256 * 2 ** cost.log2N * cost.r };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))));
}

export class PasswordHasher {
  /** A hash of nothing anyone knows, verified for unknown users so that timing does not reveal them. */
  private decoy: Promise<string> | undefined;

  constructor(private readonly cost: ScryptCost = DEFAULT_SCRYPT_COST) {}

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await derive(password, salt, this.cost);
    return `scrypt$ln=${this.cost.log2N},r=${this.cost.r},p=${this.cost.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
  }

  /** False for a wrong password or a stored value this hasher cannot read. */
  async verify(password: string, stored: string): Promise<boolean> {
    const parts = FORMAT.exec(stored);
    if (!parts) return false;
    const [, log2N, r, p, salt, expected] = parts;
    if (Number(log2N) > MAX_LOG2N) return false;
    const key = await derive(password, Buffer.from(salt, 'base64url'), { log2N: Number(log2N), r: Number(r), p: Number(p) });
    return timingSafeEqual(key, Buffer.from(expected, 'base64url'));
  }

  /** Spends the same time as a real verification, for a user that does not exist. */
  async verifyDecoy(password: string): Promise<false> {
    this.decoy ??= this.hash(randomBytes(16).toString('hex'));
    await this.verify(password, await this.decoy);
    return false;
  }
}
