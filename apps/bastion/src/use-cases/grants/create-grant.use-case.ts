import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { BastionDeps } from '../../bastion-deps';
import { BastionError } from '../../errors/bastion-error';
import { actorOf, type Principal } from '../../identity/principal';
import { groupName, hostId, opsRole, username } from '../names';
import { validate } from '../validate';
import { grantView, type GrantView } from './grant-view';

/** Grants are for a task, not for ever: a year at most. */
const MAX_TTL_SECONDS = 366 * 24 * 3600;

const schema = z
  .object({
    user: username.optional(),
    group: groupName.optional(),
    host: hostId.optional(),
    hostGroup: groupName.optional(),
    role: opsRole,
    expiresAt: z.iso.datetime({ offset: true }).optional(),
    ttlSeconds: z.number().int().positive().max(MAX_TTL_SECONDS).optional(),
  })
  .strict()
  .refine((c) => (c.user === undefined) !== (c.group === undefined), { message: 'name exactly one of user or group', path: ['user'] })
  .refine((c) => (c.host === undefined) !== (c.hostGroup === undefined), { message: 'name exactly one of host or hostGroup', path: ['host'] })
  .refine((c) => (c.expiresAt === undefined) !== (c.ttlSeconds === undefined), { message: 'give exactly one of expiresAt or ttlSeconds', path: ['expiresAt'] });

/** An administrator lets a user or user group reach a host or host group, with a role, until an expiry. */
export class CreateGrant {
  constructor(private readonly deps: BastionDeps) {}

  async execute(principal: Principal, raw: unknown): Promise<GrantView> {
    const command = validate(schema, raw);
    const now = this.deps.now();
    const expiresAt = command.ttlSeconds !== undefined ? now + command.ttlSeconds * 1000 : Date.parse(command.expiresAt ?? '');
    if (!(expiresAt > now) || expiresAt > now + MAX_TTL_SECONDS * 1000) throw new BastionError('InvalidParameter', 'expiresAt: must be in the future and within a year');
    if (command.user !== undefined && !(await this.deps.users.find(command.user))) throw new BastionError('UserNotFound', `No user named ${command.user}.`);
    const grant = {
      grantId: `bg-${randomUUID()}`,
      subjectKind: command.user !== undefined ? ('user' as const) : ('group' as const),
      subject: command.user ?? command.group ?? '',
      targetKind: command.host !== undefined ? ('host' as const) : ('host-group' as const),
      target: command.host ?? command.hostGroup ?? '',
      role: command.role,
      expiresAt,
      createdBy: actorOf(principal),
      createdAt: now,
    };
    await this.deps.access.createGrant(grant);
    await this.deps.audit.record({
      actor: grant.createdBy,
      action: 'grant.create',
      target: grant.grantId,
      outcome: 'ok',
      detail: { subject: `${grant.subjectKind}:${grant.subject}`, target: `${grant.targetKind}:${grant.target}`, role: grant.role, expiresAt: new Date(expiresAt).toISOString() },
    });
    return grantView({ ...grant, revokedAt: null, revokedBy: null }, now);
  }
}
