import type { BastionRole } from '../use-cases/names';

/** Who is calling: a logged-in user, or whoever holds the data dir's bootstrap administrator token. */
export type Principal = { readonly kind: 'user'; readonly username: string; readonly roles: readonly BastionRole[] } | { readonly kind: 'bootstrap' };

/** Not a valid username, so it can never be confused with one in the audit log. */
export const BOOTSTRAP_ACTOR = '@bootstrap';

export function actorOf(principal: Principal): string {
  return principal.kind === 'user' ? principal.username : BOOTSTRAP_ACTOR;
}

/**
 * The bootstrap token administers (it exists to create the first users) but never audits:
 * recordings are for users holding the auditor role, whose every replay is on record.
 */
export function holdsRole(principal: Principal, role: BastionRole): boolean {
  return principal.kind === 'user' ? principal.roles.includes(role) : role === 'admin';
}
