import { z } from 'zod';
import type { BastionDeps } from '../../bastion-deps';
import { BastionError } from '../../errors/bastion-error';
import { actorOf, type Principal } from '../../identity/principal';
import type { SessionReauthoriser } from '../../terminal/session-reauthoriser';
import { groupName, username } from '../names';
import { validate } from '../validate';

const schema = z.object({ members: z.array(username).max(500) }).strict();

/** Replaces a user group's members; whoever left loses the group's grants at once, live sessions included. */
export class SetUserGroup {
  constructor(
    private readonly deps: BastionDeps,
    private readonly reauthoriser: SessionReauthoriser,
  ) {}

  async execute(principal: Principal, rawName: string, raw: unknown): Promise<{ group: string; members: string[]; sessionsEnded: number }> {
    const name = validate(groupName, rawName);
    const members = [...new Set(validate(schema, raw).members)].sort();
    const unknown = [];
    for (const member of members) if (!(await this.deps.users.find(member))) unknown.push(member);
    if (unknown.length) throw new BastionError('UserNotFound', `No such user: ${unknown.join(', ')}.`);
    await this.deps.users.setGroupMembers(name, members);
    await this.deps.audit.record({ actor: actorOf(principal), action: 'user-group.set', target: name, outcome: 'ok', detail: { members: members.join(',') } });
    return { group: name, members, sessionsEnded: await this.reauthoriser.reauthorise() };
  }
}
