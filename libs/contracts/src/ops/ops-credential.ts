import { createHmac, timingSafeEqual } from 'node:crypto';
import { OPS_ROLES, OpsCredentialRejectedError, type OpsRole, type OpsSessionClaims, type OpsSessionCredential } from './ops-shell';

/**
 * The bastion signs each session open with a key it shares with the host agents; an agent opens a
 * session only for a valid signature naming itself, before expiry. Identifiers are restricted to a
 * charset without the separator, so no two claim sets share a canonical form.
 */
const IDENTIFIER = /^[A-Za-z0-9._:@-]{1,128}$/;
const VERSION = 'ecs-ops-session/v1';

/** The smallest key that gives HMAC-SHA256 its full strength. */
export const OPS_KEY_MIN_BYTES = 32;

function canonical(claims: OpsSessionClaims): string {
  return [VERSION, claims.hostId, claims.sessionId, claims.user, claims.role, String(claims.expiresAt)].join('\n');
}

function mac(claims: OpsSessionClaims, key: Buffer): Buffer {
  return createHmac('sha256', key).update(canonical(claims)).digest();
}

function assertKey(key: Buffer): void {
  if (key.length < OPS_KEY_MIN_BYTES) throw new RangeError(`the ops-session key needs at least ${OPS_KEY_MIN_BYTES} bytes`);
}

function wellFormed(value: unknown): value is OpsSessionCredential {
  if (typeof value !== 'object' || value === null) return false;
  const { claims, signature } = value as { claims?: Partial<Record<keyof OpsSessionClaims, unknown>>; signature?: unknown };
  if (typeof signature !== 'string' || typeof claims !== 'object' || claims === null) return false;
  return (
    [claims.hostId, claims.sessionId, claims.user].every((v) => typeof v === 'string' && IDENTIFIER.test(v)) &&
    OPS_ROLES.includes(claims.role as OpsRole) &&
    Number.isSafeInteger(claims.expiresAt)
  );
}

export function signOpsCredential(claims: OpsSessionClaims, key: Buffer): OpsSessionCredential {
  assertKey(key);
  if (!wellFormed({ claims, signature: '' })) throw new RangeError('ops session claims hold an identifier outside [A-Za-z0-9._:@-]');
  return { claims, signature: mac(claims, key).toString('base64url') };
}

/**
 * Checks shape, signature (constant-time), host and expiry — not replay, which needs the host's memory.
 * @throws OpsCredentialRejectedError saying why.
 */
export function verifyOpsCredential(credential: unknown, key: Buffer, expected: { hostId: string; now: number }): OpsSessionClaims {
  assertKey(key);
  if (!wellFormed(credential)) throw new OpsCredentialRejectedError('malformed');
  const presented = Buffer.from(credential.signature, 'base64url');
  const wanted = mac(credential.claims, key);
  if (presented.length !== wanted.length || !timingSafeEqual(presented, wanted)) throw new OpsCredentialRejectedError('bad-signature');
  if (credential.claims.hostId !== expected.hostId) throw new OpsCredentialRejectedError('wrong-host');
  if (credential.claims.expiresAt <= expected.now) throw new OpsCredentialRejectedError('expired');
  return credential.claims;
}
