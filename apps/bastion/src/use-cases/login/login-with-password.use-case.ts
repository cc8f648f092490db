import { z } from 'zod';
import type { BastionDeps } from '../../bastion-deps';
import { BastionError } from '../../errors/bastion-error';
import { newSecretToken, tokenDigest } from '../../identity/secret-token';
import { newTotpSecret, provisioningUri } from '../../identity/totp';
import { validate } from '../validate';

/** How long a password-checked login waits for its TOTP code. */
const TICKET_TTL_MS = 5 * 60_000;

const schema = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });

export type PasswordLoginResult =
  | { readonly stage: 'totp'; readonly ticket: string; readonly expiresAt: string }
  | { readonly stage: 'enrol-totp'; readonly ticket: string; readonly expiresAt: string; readonly totpSecret: string; readonly provisioningUri: string };

/**
 * First factor. A right password yields a ticket for the second factor — never a session. Users
 * without a confirmed TOTP secret get one to enrol, confirmed by their first valid code.
 * Failures count toward the user's lockout and the address's throttle; unknown users cost the
 * same time as known ones.
 */
export class LoginWithPassword {
  constructor(private readonly deps: BastionDeps) {}

  async execute(raw: unknown, clientAddress: string): Promise<PasswordLoginResult> {
    const { users, hasher, throttle, audit, settings, now } = this.deps;
    throttle.assertAllowed(clientAddress);
    const { username, password } = validate(schema, raw);
    const actor = username.slice(0, 32);
    const user = await users.find(username);
    if (!user) {
      await hasher.verifyDecoy(password);
      throttle.fail(clientAddress);
      await audit.record({ actor, action: 'login.password', target: actor, outcome: 'refused', detail: { reason: 'unknown-user', client: clientAddress } });
      throw new BastionError('InvalidCredentials');
    }
    if (user.lockedUntil !== null && user.lockedUntil > now()) {
      await audit.record({ actor, action: 'login.password', target: actor, outcome: 'locked', detail: { client: clientAddress } });
      throw new BastionError('AccountLocked');
    }
    if (!(await hasher.verify(password, user.passwordHash))) {
      throttle.fail(clientAddress);
      const { lockedUntil } = await users.recordFailure(username, now(), settings.lockout);
      const lockedNow = lockedUntil !== null && lockedUntil > now();
      await audit.record({ actor, action: 'login.password', target: actor, outcome: lockedNow ? 'locked' : 'refused', detail: { reason: 'bad-password', client: clientAddress } });
      throw new BastionError(lockedNow ? 'AccountLocked' : 'InvalidCredentials');
    }
    const ticket = newSecretToken();
    const expiresAt = now() + TICKET_TTL_MS;
    const enrol = !user.totpEnrolled;
    const totpSecret = enrol ? newTotpSecret() : undefined;
    // A fresh secret on each enrolment login: only the device that scanned the latest one can confirm.
    if (totpSecret && !(await users.offerTotpSecret(username, totpSecret))) throw new BastionError('InvalidTicket', 'TOTP enrolment changed meanwhile: log in again.');
    await this.deps.tokens.issue({ tokenHash: tokenDigest(ticket), kind: enrol ? 'enrol-ticket' : 'totp-ticket', username, hostId: null, expiresAt, createdAt: now() });
    await audit.record({ actor, action: 'login.password', target: actor, outcome: 'ok', detail: { client: clientAddress, next: enrol ? 'enrol-totp' : 'totp' } });
    const expires = new Date(expiresAt).toISOString();
    return totpSecret
      ? { stage: 'enrol-totp', ticket, expiresAt: expires, totpSecret, provisioningUri: provisioningUri(settings.totpIssuer, username, totpSecret) }
      : { stage: 'totp', ticket, expiresAt: expires };
  }
}
