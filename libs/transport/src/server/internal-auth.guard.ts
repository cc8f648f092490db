import { Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { InternalToken } from './internal-token';
import { PUBLIC_ROUTE } from './public-route';

/**
 * Every internal route needs the shared internal token; identity inside a request body (such as
 * an ApiCall's caller) is trusted only because the sender proved it is one of ours.
 */
@Injectable()
export class InternalAuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(InternalToken) private readonly token: InternalToken,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!this.token.matches(InternalToken.fromHeader(request.headers.authorization))) throw new UnauthorizedException();
    return true;
  }
}
