import type { InstanceFamilyRecord } from '@ecs/contracts';
import type { CatalogRepository } from '@ecs/persistence';
import { z } from 'zod';
import type { CatalogEdits } from './catalog-edits';
import type { Actor } from '../auth/actor';
import { parseCommand } from '../validation';
import { familyId } from './catalog-fields';

const SaveInstanceFamilyCommand = z
  .object({
    familyId,
    generation: z.string({ error: 'enter a generation' }).regex(/^ecs-[0-9]{1,2}$/, 'a generation such as ecs-5'),
    description: z.string({ error: 'enter a description' }).min(1, 'enter a description').max(256, 'at most 256 characters'),
  })
  .strict();

/** Creates an instance family or edits its generation and description. */
export class SaveInstanceFamilyUseCase {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly changes: CatalogEdits,
  ) {}

  async execute(actor: Actor, id: string, input: unknown): Promise<InstanceFamilyRecord> {
    const command = parseCommand(SaveInstanceFamilyCommand, { ...(typeof input === 'object' && input !== null ? input : {}), familyId: id });
    return this.changes.apply(actor, 'instance-family.save', `instance-family/${command.familyId}`, async (tx) => {
      const before = await this.catalog.familyIn(tx, command.familyId);
      await this.catalog.saveFamily(tx, command);
      return { before: before ?? null, after: command, result: command };
    });
  }
}
