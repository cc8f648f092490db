import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Checks a presented bearer token against the shared internal token in constant time. Both sides
 * are hashed first, so neither the content nor the length of the token leaks through timing.
 */
export class InternalToken {
  private readonly digest: Buffer;

  constructor(token: string) {
    this.digest = sha256(token);
  }

  matches(presented: string | undefined): boolean {
    if (presented === undefined) return false;
    return timingSafeEqual(this.digest, sha256(presented));
  }

  /** The token from an `Authorization: Bearer …` header, if there is one. */
  static fromHeader(header: string | string[] | undefined): string | undefined {
    if (typeof header !== 'string') return undefined;
    const match = /^Bearer (\S+)$/.exec(header);
    return match?.[1];
  }
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
