import type { SaleSpecRecord } from '@ecs/contracts';
import type { CatalogRepository } from '@ecs/persistence';
import { z } from 'zod';
import { AdminError } from '../admin-error';
import type { CatalogEdits } from './catalog-edits';
import type { Actor } from '../auth/actor';
import { parseCommand } from '../validation';
import { instanceTypeId, zoneId } from './catalog-fields';

const SetSaleStatusCommand = z.object({ zoneId, instanceTypeId, onSale: z.boolean({ error: 'true (on sale) or false (closed)' }) }).strict();

/**
 * Opens or closes a type in a zone. The tenant API reads sale specs on every call (through a cache
 * that CatalogEdits invalidates), so the next RunInstances there is refused (or allowed) and
 * DescribeAvailableResource shows the new status.
 */
export class SetSaleStatusUseCase {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly changes: CatalogEdits,
    private readonly regionId: string,
  ) {}

  async execute(actor: Actor, zone: string, type: string, input: unknown): Promise<SaleSpecRecord> {
    const command = parseCommand(SetSaleStatusCommand, { ...(typeof input === 'object' && input !== null ? input : {}), zoneId: zone, instanceTypeId: type });
    return this.changes.apply(actor, command.onSale ? 'sale-spec.open' : 'sale-spec.close', `sale-spec/${command.zoneId}/${command.instanceTypeId}`, async (tx) => {
      const before = (await this.catalog.saleSpecsOf(tx, this.regionId, command.instanceTypeId)).find((s) => s.zoneId === command.zoneId);
      if (!before) throw new AdminError('SaleSpec.NotFound', `${command.instanceTypeId} has no sale spec in zone ${command.zoneId} of ${this.regionId}.`);
      await this.catalog.setOnSale(tx, this.regionId, command.zoneId, command.instanceTypeId, command.onSale);
      const after = { ...before, onSale: command.onSale };
      return { before: { onSale: before.onSale }, after: { onSale: after.onSale }, result: after };
    });
  }
}
