import type { OperatorRepository } from '@ecs/persistence';
import { z } from 'zod';
import { AdminError } from '../admin-error';
import type { AuditedChanges } from '../audit/audited-changes';
import type { Actor } from '../auth/actor';
import type { PasswordHasher } from '../auth/password-hasher';
import { parseCommand } from '../validation';
import { password } from './operator-fields';

const ChangeOwnPasswordCommand = z.object({ currentPassword: z.string({ error: 'enter your current password' }).min(1, 'enter your current password').max(256), newPassword: password }).strict();

/** An operator changes their own password, proving the current one; every session of theirs ends. */
export class ChangeOwnPasswordUseCase {
  constructor(
    private readonly operators: OperatorRepository,
    private readonly hasher: PasswordHasher,
    private readonly changes: AuditedChanges,
  ) {}

  async execute(actor: Actor, input: unknown): Promise<{ changed: true }> {
    const command = parseCommand(ChangeOwnPasswordCommand, input);
    const operator = actor.via === 'session' ? await this.operators.credentials(actor.username) : undefined;
    if (!operator) throw new AdminError('Operator.NotFound', 'Only a logged-in operator has a password to change.');
    if (!(await this.hasher.verify(command.currentPassword, operator.passwordHash))) throw new AdminError('InvalidCredentials', 'The current password is wrong.', 'currentPassword');
    const passwordHash = await this.hasher.hash(command.newPassword);
    return this.changes.apply(actor, 'operator.password', `operator/${actor.username}`, async (tx) => {
      await this.operators.update(tx, actor.username, { passwordHash });
      await this.operators.deleteSessionsOf(tx, actor.username);
      return { before: null, after: { passwordChanged: true }, result: { changed: true } };
    });
  }
}
