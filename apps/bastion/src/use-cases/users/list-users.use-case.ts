import type { BastionDeps } from '../../bastion-deps';
import type { UserView } from './create-user.use-case';

/** Users with their roles, enrolment and lockout; never a hash or a secret. */
export class ListUsers {
  constructor(private readonly deps: BastionDeps) {}

  async execute(): Promise<UserView[]> {
    const now = this.deps.now();
    return (await this.deps.users.list()).map((u) => ({
      username: u.username,
      roles: u.roles,
      totpEnrolled: u.totpEnrolled,
      lockedUntil: u.lockedUntil !== null && u.lockedUntil > now ? new Date(u.lockedUntil).toISOString() : null,
      createdAt: new Date(u.createdAt).toISOString(),
    }));
  }
}
