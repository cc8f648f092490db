import { z } from 'zod';
import type { BastionDeps } from '../../bastion-deps';
import { BastionError } from '../../errors/bastion-error';
import { actorOf, type Principal } from '../../identity/principal';
import { bastionRole, password, username } from '../names';
import { validate } from '../validate';

const schema = z.object({ username, password, roles: z.array(bastionRole).max(2).default([]) });

export interface UserView {
  readonly username: string;
  readonly roles: readonly string[];
  readonly totpEnrolled: boolean;
  readonly lockedUntil: string | null;
  readonly createdAt: string;
}

/** An administrator creates an engineer with an initial password; TOTP is enrolled at first login. */
export class CreateUser {
  constructor(private readonly deps: BastionDeps) {}

  async execute(principal: Principal, raw: unknown): Promise<UserView> {
    const command = validate(schema, raw);
    const roles = [...new Set(command.roles)].sort();
    const createdAt = this.deps.now();
    const created = await this.deps.users.create({ username: command.username, passwordHash: await this.deps.hasher.hash(command.password), roles, createdAt });
    await this.deps.audit.record({ actor: actorOf(principal), action: 'user.create', target: command.username, outcome: created ? 'ok' : 'refused', detail: { roles: roles.join(',') } });
    if (!created) throw new BastionError('UserExists');
    return { username: command.username, roles, totpEnrolled: false, lockedUntil: null, createdAt: new Date(createdAt).toISOString() };
  }
}
