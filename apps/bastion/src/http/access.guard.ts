import { createParamDecorator, Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { BastionError } from '../errors/bastion-error';
import { holdsRole, type Principal } from '../identity/principal';
import { Authenticator } from './authenticator';

/**
 * Who may call a route: `user` any logged-in user; `admin`, `auditor` users with that role (the
 * bootstrap token counts as admin); `staff` admin or auditor; `any` anyone authenticated, for
 * routes whose use case decides (and audits) itself.
 */
export type AccessLevel = 'user' | 'admin' | 'auditor' | 'staff' | 'any';

const ACCESS = 'bastion:access';
export const Access = (level: AccessLevel) => SetMetadata(ACCESS, level);

interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
  bearer?: string;
}

function bearerOf(request: AuthenticatedRequest): string {
  const header = request.headers.authorization;
  return typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : '';
}

function allowed(principal: Principal, level: AccessLevel): boolean {
  switch (level) {
    case 'any':
      return true;
    case 'user':
      return principal.kind === 'user';
    case 'admin':
    case 'auditor':
      return holdsRole(principal, level);
    case 'staff':
      return holdsRole(principal, 'admin') || holdsRole(principal, 'auditor');
  }
}

@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(Authenticator) private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const level = this.reflector.getAllAndOverride<AccessLevel | undefined>(ACCESS, [context.getHandler(), context.getClass()]);
    if (!level) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const bearer = bearerOf(request);
    const principal = await this.authenticator.principalFor(bearer);
    if (!principal) throw new BastionError('AuthenticationRequired');
    if (!allowed(principal, level)) throw new BastionError('Forbidden', level === 'user' ? 'This needs a logged-in user, not the bootstrap token.' : `This needs the ${level === 'staff' ? 'admin or auditor' : level} role.`);
    request.principal = principal;
    request.bearer = bearer;
    return true;
  }
}

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new BastionError('AuthenticationRequired');
  return principal;
});

/** The logged-in user's name, on routes with `user` access. */
export const CurrentUsername = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (principal?.kind !== 'user') throw new BastionError('AuthenticationRequired');
  return principal.username;
});

export const BearerToken = createParamDecorator((_data: unknown, context: ExecutionContext): string => context.switchToHttp().getRequest<AuthenticatedRequest>().bearer ?? '');

/** The TCP peer's address: forwarded-for headers are a client's claim, never trusted here. */
export const ClientAddress = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const request = context.switchToHttp().getRequest<{ socket?: { remoteAddress?: string } }>();
  return request.socket?.remoteAddress ?? 'unknown';
});
