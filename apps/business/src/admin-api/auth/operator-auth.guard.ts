import { createHash, timingSafeEqual } from 'node:crypto';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { roleAtLeast, type OperatorRole } from '@ecs/contracts';
import type { OperatorRepository } from '@ecs/persistence';
import { AdminError } from '../admin-error';
import { TOKEN_ACTOR, type Actor } from './actor';
import type { AuthenticatedRequest } from './current-actor.decorator';
import { PUBLIC_ROUTE, REQUIRED_ROLE } from './roles';
import { sessionTokenFrom } from './session-cookie';
import { tokenDigest } from './session-token';

interface HttpRequest extends AuthenticatedRequest {
  readonly method: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Comparing digests keeps the comparison constant-time whatever the presented length. */
function sameSecret(presented: string, expected: Buffer): boolean {
  return presented.length > 0 && timingSafeEqual(sha256(presented), expected);
}

function header(request: HttpRequest, name: string): string {
  const value = request.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/**
 * Every admin route is closed unless marked public. Callers prove who they are with the operator
 * token (admin CLI: `Authorization: Bearer`, never sent by a browser on its own) or a console
 * session cookie; with a cookie, every write must also echo the session's CSRF token in
 * `X-CSRF-Token`, which another site cannot read. Then the route's role is checked here, on the server.
 */
export class OperatorAuthGuard implements CanActivate {
  private readonly token: Buffer;

  constructor(
    private readonly reflector: Reflector,
    private readonly operators: OperatorRepository,
    operatorToken: string,
  ) {
    this.token = sha256(operatorToken);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const actor = await this.authenticate(request);
    const required = this.reflector.getAllAndOverride<OperatorRole | undefined>(REQUIRED_ROLE, targets) ?? 'super_admin';
    if (!roleAtLeast(actor.role, required)) throw new AdminError('Forbidden.Role', `Your role (${actor.role}) may not do this; it needs ${required}.`);
    request.actor = actor;
    return true;
  }

  private async authenticate(request: HttpRequest): Promise<Actor> {
    const authorization = header(request, 'authorization');
    if (authorization) {
      if (authorization.startsWith('Bearer ') && sameSecret(authorization.slice(7), this.token)) return TOKEN_ACTOR;
      throw new AdminError('NotAuthenticated', 'The operator token is not valid.');
    }
    const sessionToken = sessionTokenFrom(header(request, 'cookie'));
    const tokenHash = sessionToken ? tokenDigest(sessionToken) : undefined;
    const session = tokenHash ? await this.operators.activeSession(tokenHash, Date.now()) : undefined;
    if (!session || !tokenHash) throw new AdminError('NotAuthenticated');
    if (!SAFE_METHODS.has(request.method) && !sameSecret(header(request, 'x-csrf-token'), sha256(session.csrfToken))) throw new AdminError('InvalidCsrfToken');
    request.sessionTokenHash = tokenHash;
    return { username: session.username, role: session.role, via: 'session' };
  }
}
