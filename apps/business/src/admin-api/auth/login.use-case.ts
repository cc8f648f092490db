import type { OperatorRole } from '@ecs/contracts';
import type { OperatorRepository } from '@ecs/persistence';
import { z } from 'zod';
import { AdminError } from '../admin-error';
import { parseCommand } from '../validation';
import type { LoginThrottle } from './login-throttle';
import type { PasswordHasher } from './password-hasher';
import { newToken, tokenDigest } from './session-token';

const LoginCommand = z.object({
  username: z.string({ error: 'enter your username' }).min(1, 'enter your username').max(64),
  password: z.string({ error: 'enter your password' }).min(1, 'enter your password').max(256),
});

export interface LoggedIn {
  /** The cookie's value: handed to the browser once, stored only as a digest. */
  readonly sessionToken: string;
  readonly csrfToken: string;
  readonly username: string;
  readonly role: OperatorRole;
  readonly expiresAt: string;
}

/** Checks an operator's password (throttled, constant work for unknown users) and opens a session. */
export class LoginUseCase {
  constructor(
    private readonly operators: OperatorRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly sessionMs: number,
  ) {}

  async execute(input: unknown, clientAddress: string): Promise<LoggedIn> {
    const command = parseCommand(LoginCommand, input);
    await this.throttle.admit(command.username, clientAddress);
    const operator = await this.operators.credentials(command.username);
    const valid = operator ? await this.hasher.verify(command.password, operator.passwordHash) : await this.hasher.verifyNobody(command.password);
    if (!operator || !valid || !operator.enabled) throw new AdminError('InvalidCredentials');
    const sessionToken = newToken();
    const csrfToken = newToken();
    const expiresAt = Date.now() + this.sessionMs;
    await this.operators.createSession({ tokenHash: tokenDigest(sessionToken), username: operator.username, csrfToken, expiresAt });
    return { sessionToken, csrfToken, username: operator.username, role: operator.role, expiresAt: new Date(expiresAt).toISOString() };
  }
}
