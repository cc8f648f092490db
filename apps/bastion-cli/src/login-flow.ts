import type { BastionHttp } from './bastion-http';
import { prompt } from './prompt';
import type { StoredSession } from './session-store';

export interface LoginInput {
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly code: string | undefined;
}

type PasswordAnswer = { stage: 'totp'; ticket: string } | { stage: 'enrol-totp'; ticket: string; totpSecret: string; provisioningUri: string };

/** Password, then TOTP (enrolling on the first login): each asked on the terminal unless given. */
export async function login(http: BastionHttp, input: LoginInput): Promise<StoredSession> {
  const username = input.username ?? (await prompt('bastion user: ', false));
  const password = input.password ?? (await prompt(`password for ${username}: `, true));
  const first = await http.call<PasswordAnswer>('POST', '/bastion/v1/auth/login', { body: { username, password } });
  if (first.stage === 'enrol-totp') {
    process.stderr.write(`First login: add this TOTP secret to your authenticator app:\n  ${first.totpSecret}\n  ${first.provisioningUri}\n`);
  }
  const code = input.code ?? (await prompt('one-time code: ', false));
  const session = await http.call<{ sessionToken: string; expiresAt: string; username: string }>('POST', '/bastion/v1/auth/totp', { body: { ticket: first.ticket, code } });
  return { url: http.url, username: session.username, sessionToken: session.sessionToken, expiresAt: session.expiresAt };
}
