import type { BastionDeps } from '../../bastion-deps';
import { BastionError } from '../../errors/bastion-error';
import { actorOf, type Principal } from '../../identity/principal';
import { username } from '../names';
import { validate } from '../validate';

/** Lifts a lockout before it runs out and clears the failure count. */
export class UnlockUser {
  constructor(private readonly deps: BastionDeps) {}

  async execute(principal: Principal, rawUsername: string): Promise<{ username: string; unlocked: true }> {
    const name = validate(username, rawUsername);
    if (!(await this.deps.users.unlock(name))) throw new BastionError('UserNotFound');
    await this.deps.audit.record({ actor: actorOf(principal), action: 'user.unlock', target: name, outcome: 'ok' });
    return { username: name, unlocked: true };
  }
}
