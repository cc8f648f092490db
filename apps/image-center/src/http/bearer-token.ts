import { createHash, timingSafeEqual } from 'node:crypto';

/** Compares `Authorization: Bearer <token>` with the expected token in constant time. */
export function hasBearerToken(authorization: string | undefined, expected: string): boolean {
  const match = /^Bearer ([\x21-\x7e]+)$/.exec(authorization ?? '');
  if (!match) return false;
  // Hashing first gives equal lengths, so neither the comparison nor its length check leaks the token.
  return timingSafeEqual(sha256(match[1]), sha256(expected));
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
