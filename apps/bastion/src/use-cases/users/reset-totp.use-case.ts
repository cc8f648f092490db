import type { BastionDeps } from '../../bastion-deps';
import { BastionError } from '../../errors/bastion-error';
import { actorOf, type Principal } from '../../identity/principal';
import { username } from '../names';
import { validate } from '../validate';

/** For a lost authenticator: the user enrols a new TOTP secret at the next password login. */
export class ResetTotp {
  constructor(private readonly deps: BastionDeps) {}

  async execute(principal: Principal, rawUsername: string): Promise<{ username: string; totpEnrolled: false }> {
    const name = validate(username, rawUsername);
    if (!(await this.deps.users.resetTotp(name))) throw new BastionError('UserNotFound');
    await this.deps.audit.record({ actor: actorOf(principal), action: 'user.reset-totp', target: name, outcome: 'ok' });
    return { username: name, totpEnrolled: false };
  }
}
