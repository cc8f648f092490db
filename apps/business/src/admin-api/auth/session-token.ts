import { createHash, randomBytes } from 'node:crypto';

/** 256-bit random tokens: the session cookie's value and the CSRF token. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Sessions are stored by this digest, never by the token itself. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
