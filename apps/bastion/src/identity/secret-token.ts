import { createHash, randomBytes } from 'node:crypto';

/** A bearer secret with 256 bits of entropy, URL-safe. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored and compared only as digests: a copy of the database holds no usable secret. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
