import type { OperatorRole } from '@ecs/contracts';

/** Who is calling the admin API: a console operator (session) or the admin CLI (operator token). */
export interface Actor {
  readonly username: string;
  readonly role: OperatorRole;
  readonly via: 'session' | 'token';
}

/** The audit name of the admin CLI: whoever can read the data dir's admin.json. */
export const TOKEN_ACTOR: Actor = { username: 'admin-cli', role: 'super_admin', via: 'token' };
