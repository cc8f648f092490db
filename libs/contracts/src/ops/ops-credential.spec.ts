import { randomBytes } from 'node:crypto';
import { signOpsCredential, verifyOpsCredential } from './ops-credential';
import { OpsCredentialRejectedError, type OpsSessionClaims } from './ops-shell';

const key = randomBytes(32);
const claims: OpsSessionClaims = { hostId: 'sim-a-001', sessionId: 'bs-1', user: 'alice', role: 'read-only', expiresAt: 2_000 };

function rejection(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof OpsCredentialRejectedError ? error.why : `unexpected ${String(error)}`;
  }
}

describe('ops session credentials', () => {
  it('verifies what the bastion signed, for the named host, before expiry', () => {
    expect(verifyOpsCredential(signOpsCredential(claims, key), key, { hostId: 'sim-a-001', now: 1_999 })).toEqual(claims);
  });

  it('refuses another key, another host, expiry and any edited claim', () => {
    const credential = signOpsCredential(claims, key);
    expect(rejection(() => verifyOpsCredential(credential, randomBytes(32), { hostId: 'sim-a-001', now: 0 }))).toBe('bad-signature');
    expect(rejection(() => verifyOpsCredential(credential, key, { hostId: 'sim-b-001', now: 0 }))).toBe('wrong-host');
    expect(rejection(() => verifyOpsCredential(credential, key, { hostId: 'sim-a-001', now: 2_000 }))).toBe('expired');
    for (const edit of [{ role: 'operator' }, { user: 'bob' }, { sessionId: 'bs-2' }, { expiresAt: 9_999 }, { hostId: 'sim-b-001' }]) {
      const forged = { ...credential, claims: { ...credential.claims, ...edit } };
      expect(rejection(() => verifyOpsCredential(forged, key, { hostId: forged.claims.hostId, now: 0 }))).toBe('bad-signature');
    }
  });

  it('refuses malformed input rather than throwing something else', () => {
    for (const junk of [undefined, null, 'x', { claims }, { claims: { ...claims, role: 'root' }, signature: 'x' }, { claims: { ...claims, user: 'a\nb' }, signature: 'x' }]) {
      expect(rejection(() => verifyOpsCredential(junk, key, { hostId: 'sim-a-001', now: 0 }))).toBe('malformed');
    }
  });

  it('will not sign with a short key or an identifier that could forge the canonical form', () => {
    expect(() => signOpsCredential(claims, randomBytes(16))).toThrow(RangeError);
    expect(() => signOpsCredential({ ...claims, user: 'alice\noperator' }, key)).toThrow(RangeError);
  });
});
