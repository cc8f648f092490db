import type { OperatorRecord, OperatorRepository } from '@ecs/persistence';
import { z } from 'zod';
import { AdminError } from '../admin-error';
import type { AuditedChanges } from '../audit/audited-changes';
import type { Actor } from '../auth/actor';
import type { PasswordHasher } from '../auth/password-hasher';
import { parseCommand } from '../validation';
import { password, role, username } from './operator-fields';

const CreateOperatorCommand = z.object({ username, password, role }).strict();

export class CreateOperatorUseCase {
  constructor(
    private readonly operators: OperatorRepository,
    private readonly hasher: PasswordHasher,
    private readonly changes: AuditedChanges,
  ) {}

  async execute(actor: Actor, input: unknown): Promise<OperatorRecord> {
    const command = parseCommand(CreateOperatorCommand, input);
    const passwordHash = await this.hasher.hash(command.password);
    return this.changes.apply(actor, 'operator.create', `operator/${command.username}`, async (tx) => {
      if (!(await this.operators.insert(tx, { username: command.username, passwordHash, role: command.role }))) throw new AdminError('Operator.AlreadyExists', undefined, 'username');
      const created = (await this.operators.get(tx, command.username))!;
      return { before: null, after: { username: created.username, role: created.role, enabled: created.enabled }, result: created };
    });
  }
}
