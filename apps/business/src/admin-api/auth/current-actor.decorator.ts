import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from './actor';

export interface AuthenticatedRequest {
  actor?: Actor;
  sessionTokenHash?: string;
}

/** The caller the guard authenticated. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a route the auth guard did not authenticate');
  return actor;
});
