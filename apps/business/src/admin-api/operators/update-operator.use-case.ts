import type { OperatorRecord, OperatorRepository } from '@ecs/persistence';
import { z } from 'zod';
import { AdminError } from '../admin-error';
import type { AuditedChanges } from '../audit/audited-changes';
import type { Actor } from '../auth/actor';
import type { PasswordHasher } from '../auth/password-hasher';
import { parseCommand } from '../validation';
import { password, role, username } from './operator-fields';

const UpdateOperatorCommand = z
  .object({ username, role: role.optional(), enabled: z.boolean({ error: 'true or false' }).optional(), password: password.optional() })
  .strict()
  .refine((c) => c.role !== undefined || c.enabled !== undefined || c.password !== undefined, { message: 'change at least one of role, enabled, password', path: ['role'] });

/**
 * Changes an operator's role, enables or disables them, or resets their password. Any of these
 * ends the operator's open sessions. Nobody can demote or disable themselves, so the last super
 * admin cannot lock everyone out by accident.
 */
export class UpdateOperatorUseCase {
  constructor(
    private readonly operators: OperatorRepository,
    private readonly hasher: PasswordHasher,
    private readonly changes: AuditedChanges,
  ) {}

  async execute(actor: Actor, name: string, input: unknown): Promise<OperatorRecord> {
    const command = parseCommand(UpdateOperatorCommand, { ...(typeof input === 'object' && input !== null ? input : {}), username: name });
    if (command.username === actor.username && (command.role !== undefined || command.enabled === false)) throw new AdminError('Operator.Self');
    const passwordHash = command.password === undefined ? undefined : await this.hasher.hash(command.password);
    return this.changes.apply(actor, 'operator.update', `operator/${command.username}`, async (tx) => {
      const before = await this.operators.get(tx, command.username);
      if (!before) throw new AdminError('Operator.NotFound');
      await this.operators.update(tx, command.username, { ...(command.role ? { role: command.role } : {}), ...(command.enabled !== undefined ? { enabled: command.enabled } : {}), ...(passwordHash ? { passwordHash } : {}) });
      await this.operators.deleteSessionsOf(tx, command.username);
      const after = (await this.operators.get(tx, command.username))!;
      return { before: visible(before), after: { ...visible(after), ...(passwordHash ? { passwordReset: true } : {}) }, result: after };
    });
  }
}

function visible(operator: OperatorRecord): object {
  return { username: operator.username, role: operator.role, enabled: operator.enabled };
}
