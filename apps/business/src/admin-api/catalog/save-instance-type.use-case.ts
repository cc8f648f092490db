import type { InstanceTypeRecord } from '@ecs/contracts';
import type { CatalogRepository } from '@ecs/persistence';
import { z } from 'zod';
import { AdminError } from '../admin-error';
import type { CatalogEdits } from './catalog-edits';
import type { Actor } from '../auth/actor';
import { parseCommand } from '../validation';
import { currency, familyId, instanceTypeId, pricePerHour, toMilli } from './catalog-fields';

const SaveInstanceTypeCommand = z
  .object({
    instanceTypeId,
    familyId,
    vcpus: z.number({ error: 'enter the vCPU count' }).int('a whole number').min(1, 'at least 1').max(1024, 'at most 1024'),
    memoryGiB: z.number({ error: 'enter the memory in GiB' }).int('a whole number of GiB').min(1, 'at least 1 GiB').max(16384, 'at most 16384 GiB'),
    hostClass: z.string({ error: 'enter a host class' }).regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'lower-case letters, digits and "-", such as x86-general'),
    description: z.string().max(256, 'at most 256 characters').default(''),
    /** Needed when the type is new: it starts closed in every zone at this price. */
    pricePerHour: pricePerHour.optional(),
    currency: currency.default('CNY'),
  })
  .strict()
  .refine((c) => c.instanceTypeId.startsWith(`${c.familyId}.`), { message: 'the type id must start with its family id, as in ecs.g7.large', path: ['instanceTypeId'] });

/**
 * Creates an instance type or edits its shape. A new type gets a closed sale spec in every zone of
 * the region, so nothing is sold until an operator opens it. Edits show in DescribeInstanceTypes
 * at once; running instances keep the shape they were launched with.
 */
export class SaveInstanceTypeUseCase {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly changes: CatalogEdits,
    private readonly regionId: string,
  ) {}

  async execute(actor: Actor, id: string, input: unknown): Promise<InstanceTypeRecord> {
    const command = parseCommand(SaveInstanceTypeCommand, { ...(typeof input === 'object' && input !== null ? input : {}), instanceTypeId: id });
    const type: InstanceTypeRecord = { instanceTypeId: command.instanceTypeId, familyId: command.familyId, vcpus: command.vcpus, memoryGiB: command.memoryGiB, hostClass: command.hostClass, description: command.description };
    return this.changes.apply(actor, 'instance-type.save', `instance-type/${type.instanceTypeId}`, async (tx) => {
      if (!(await this.catalog.familyIn(tx, type.familyId))) throw new AdminError('InstanceFamily.NotFound', `Family ${type.familyId} does not exist; create it first.`, 'familyId');
      const before = await this.catalog.instanceTypeIn(tx, type.instanceTypeId);
      if (!before && command.pricePerHour === undefined) throw new AdminError('InvalidParameter', 'pricePerHour: a new type needs a price per hour', 'pricePerHour');
      await this.catalog.saveInstanceType(tx, type);
      if (!before && command.pricePerHour !== undefined) await this.catalog.addClosedSaleSpecs(tx, this.regionId, type.instanceTypeId, toMilli(command.pricePerHour), command.currency);
      return { before: before ?? null, after: { ...type, ...(before ? {} : { pricePerHour: command.pricePerHour, currency: command.currency }) }, result: type };
    });
  }
}
