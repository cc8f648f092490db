import { timingSafeEqual, createHash } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';

export const ADMIN_TOKEN = Symbol('AdminToken');

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** The admin API answers only to the operator token (kept 0600 in the data dir, never logged). */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@Inject(ADMIN_TOKEN) token: string) {
    this.expected = digest(token);
  }

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>().headers.authorization ?? '';
    const presented = header.startsWith('Bearer ') ? header.slice(7) : '';
    // Comparing digests keeps the comparison constant-time whatever the presented length.
    if (!presented || !timingSafeEqual(digest(presented), this.expected)) throw new UnauthorizedException({ Code: 'InvalidAdminToken', Message: 'A valid operator token is required.' });
    return true;
  }
}
