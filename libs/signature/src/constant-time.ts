import { timingSafeEqual } from 'node:crypto';

/**
 * Compares a computed signature with a presented one without leaking, through timing, how many
 * leading characters matched. The length is not secret (it is fixed per algorithm), so a length
 * mismatch may return early.
 */
export function constantTimeEquals(expected: string, presented: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(presented, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
