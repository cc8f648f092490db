import { z } from 'zod';
import type { BastionDeps } from '../../bastion-deps';
import { actorOf, type Principal } from '../../identity/principal';
import type { SessionReauthoriser } from '../../terminal/session-reauthoriser';
import { groupName, hostId } from '../names';
import { validate } from '../validate';

const schema = z.object({ hostIds: z.array(hostId).max(10_000) }).strict();

/** Replaces a host group's members; sessions on hosts taken out of the group lose the group's grants at once. */
export class SetHostGroup {
  constructor(
    private readonly deps: BastionDeps,
    private readonly reauthoriser: SessionReauthoriser,
  ) {}

  async execute(principal: Principal, rawName: string, raw: unknown): Promise<{ group: string; hostIds: string[]; sessionsEnded: number }> {
    const name = validate(groupName, rawName);
    const hostIds = [...new Set(validate(schema, raw).hostIds)].sort();
    await this.deps.access.setHostGroup(name, hostIds);
    await this.deps.audit.record({ actor: actorOf(principal), action: 'host-group.set', target: name, outcome: 'ok', detail: { hosts: hostIds.length } });
    return { group: name, hostIds, sessionsEnded: await this.reauthoriser.reauthorise() };
  }
}
