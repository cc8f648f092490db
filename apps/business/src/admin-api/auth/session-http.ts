import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OperatorRepository } from '@ecs/persistence';
import type { Actor } from './actor';
import type { AuthenticatedRequest } from './current-actor.decorator';
import type { LoginUseCase } from './login.use-case';
import type { LogoutUseCase } from './logout.use-case';
import { clearedSessionCookie, sessionCookie } from './session-cookie';

export interface SessionView {
  readonly username: string;
  readonly role: Actor['role'];
  /** Echo it in X-CSRF-Token on every write; absent for the operator token, which needs none. */
  readonly csrfToken: string | undefined;
  readonly expiresAt: string | undefined;
}

/** The HTTP side of sessions: the cookie goes out with login and is cleared with logout. */
export class SessionHttp {
  constructor(
    private readonly login: LoginUseCase,
    private readonly logout: LogoutUseCase,
    private readonly operators: OperatorRepository,
    private readonly sessionMs: number,
  ) {}

  async open(body: unknown, request: FastifyRequest, reply: FastifyReply): Promise<SessionView> {
    const session = await this.login.execute(body, request.ip);
    void reply.header('set-cookie', sessionCookie(session.sessionToken, Math.floor(this.sessionMs / 1000), request.protocol === 'https'));
    return { username: session.username, role: session.role, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
  }

  async current(actor: Actor, request: FastifyRequest & AuthenticatedRequest): Promise<SessionView> {
    const session = request.sessionTokenHash ? await this.operators.activeSession(request.sessionTokenHash, Date.now()) : undefined;
    return { username: actor.username, role: actor.role, csrfToken: session?.csrfToken, expiresAt: session ? new Date(session.expiresAt).toISOString() : undefined };
  }

  async close(request: FastifyRequest & AuthenticatedRequest, reply: FastifyReply): Promise<{ loggedOut: true }> {
    void reply.header('set-cookie', clearedSessionCookie(request.protocol === 'https'));
    return this.logout.execute(request.sessionTokenHash);
  }
}
