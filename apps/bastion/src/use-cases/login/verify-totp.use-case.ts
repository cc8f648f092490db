import { z } from 'zod';
import type { BastionDeps } from '../../bastion-deps';
import { BastionError } from '../../errors/bastion-error';
import { newSecretToken, tokenDigest } from '../../identity/secret-token';
import { matchTotp } from '../../identity/totp';
import { validate } from '../validate';

const schema = z.object({ ticket: z.string().min(1).max(128), code: z.string().regex(/^\d{6}$/, 'six digits') });

export interface LoginSession {
  readonly sessionToken: string;
  readonly expiresAt: string;
  readonly username: string;
  readonly roles: readonly string[];
}

/**
 * Second factor: the code must match the user's secret within the drift window and be for a later
 * time step than any code accepted before, so a code seen over a shoulder or in a log is useless.
 * Success spends the ticket and opens an API session; failure counts toward lockout.
 */
export class VerifyTotp {
  constructor(private readonly deps: BastionDeps) {}

  async execute(raw: unknown, clientAddress: string): Promise<LoginSession> {
    const { users, tokens, throttle, audit, settings, now } = this.deps;
    throttle.assertAllowed(clientAddress);
    const { ticket, code } = validate(schema, raw);
    const ticketHash = tokenDigest(ticket);
    const live = await tokens.findLive(ticketHash, ['totp-ticket', 'enrol-ticket'], now());
    const user = live && (await users.find(live.username));
    if (!live || !user) {
      throttle.fail(clientAddress);
      throw new BastionError('InvalidTicket');
    }
    const action = live.kind === 'enrol-ticket' ? 'login.enrol' : 'login.totp';
    const target = user.username;
    if (user.lockedUntil !== null && user.lockedUntil > now()) {
      await audit.record({ actor: target, action, target, outcome: 'locked', detail: { client: clientAddress } });
      throw new BastionError('AccountLocked');
    }
    const step = user.totpSecret === null ? undefined : matchTotp(user.totpSecret, code, now());
    const fresh = step !== undefined && (await users.acceptTotpStep(user.username, step));
    if (!fresh) {
      throttle.fail(clientAddress);
      const { lockedUntil } = await users.recordFailure(user.username, now(), settings.lockout);
      const lockedNow = lockedUntil !== null && lockedUntil > now();
      await audit.record({ actor: target, action, target, outcome: lockedNow ? 'locked' : 'refused', detail: { reason: step === undefined ? 'wrong-code' : 'replayed-code', client: clientAddress } });
      throw new BastionError(lockedNow ? 'AccountLocked' : 'InvalidTotpCode');
    }
    const spent = await tokens.spend(ticketHash, live.kind, now());
    if (!spent.spent) throw new BastionError('InvalidTicket');
    await users.clearFailures(user.username);
    const sessionToken = newSecretToken();
    const expiresAt = now() + settings.loginSessionMs;
    await tokens.issue({ tokenHash: tokenDigest(sessionToken), kind: 'session', username: user.username, hostId: null, expiresAt, createdAt: now() });
    await audit.record({ actor: target, action, target, outcome: 'ok', detail: { client: clientAddress } });
    return { sessionToken, expiresAt: new Date(expiresAt).toISOString(), username: user.username, roles: user.roles };
  }
}
