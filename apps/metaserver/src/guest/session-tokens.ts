import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Token mode: a guest asks for a token of 1–21600 seconds and shows it on every read. */
export const MIN_TOKEN_TTL_SECONDS = 1;
export const MAX_TOKEN_TTL_SECONDS = 21_600;

const EXPIRY_BYTES = 8;
const NONCE_BYTES = 16;
const MAC_BYTES = 32;
const TOKEN_BYTES = EXPIRY_BYTES + NONCE_BYTES + MAC_BYTES;
const BASE64URL = /^[A-Za-z0-9_-]{75}$/;

/**
 * Stateless session tokens: expiry and a nonce, MACed together with the instance id of the socket
 * the token was asked on. A token is therefore worthless on any other instance's socket, and after
 * its expiry; restarting the metaserver (a new key) ends every session, and guests simply ask again.
 */
export class SessionTokens {
  constructor(
    private readonly key: Buffer = randomBytes(32),
    private readonly now: () => number = Date.now,
  ) {}

  mint(instanceId: string, ttlSeconds: number): string {
    const body = Buffer.alloc(EXPIRY_BYTES + NONCE_BYTES);
    body.writeBigUInt64BE(BigInt(Math.floor(this.now() / 1000) + ttlSeconds), 0);
    randomBytes(NONCE_BYTES).copy(body, EXPIRY_BYTES);
    return Buffer.concat([body, this.mac(instanceId, body)]).toString('base64url');
  }

  isValid(instanceId: string, token: string): boolean {
    if (!BASE64URL.test(token)) return false;
    const raw = Buffer.from(token, 'base64url');
    if (raw.length !== TOKEN_BYTES) return false;
    const body = raw.subarray(0, EXPIRY_BYTES + NONCE_BYTES);
    if (!timingSafeEqual(raw.subarray(EXPIRY_BYTES + NONCE_BYTES), this.mac(instanceId, body))) return false;
    return Number(body.readBigUInt64BE(0)) * 1000 > this.now();
  }

  private mac(instanceId: string, body: Buffer): Buffer {
    return createHmac('sha256', this.key).update('ecs-metadata-token\0').update(instanceId).update('\0').update(body).digest();
  }
}

/** The TTL header's value as a whole number of seconds in range, or undefined. */
export function parseTokenTtl(header: string | string[] | undefined): number | undefined {
  if (typeof header !== 'string' || !/^\d{1,5}$/.test(header.trim())) return undefined;
  const ttl = Number(header.trim());
  return ttl >= MIN_TOKEN_TTL_SECONDS && ttl <= MAX_TOKEN_TTL_SECONDS ? ttl : undefined;
}
