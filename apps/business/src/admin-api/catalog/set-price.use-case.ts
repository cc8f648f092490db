import type { CatalogRepository } from '@ecs/persistence';
import { z } from 'zod';
import { AdminError } from '../admin-error';
import type { CatalogEdits } from './catalog-edits';
import type { Actor } from '../auth/actor';
import { parseCommand } from '../validation';
import { currency, instanceTypeId, pricePerHour, toMilli } from './catalog-fields';

const SetPriceCommand = z.object({ instanceTypeId, pricePerHour, currency: currency.default('CNY') }).strict();

export interface Price {
  readonly regionId: string;
  readonly instanceTypeId: string;
  readonly pricePerHour: number;
  readonly currency: string;
}

/** Sets a type's pay-as-you-go price in this region; DescribePrice answers with it from the next call. */
export class SetPriceUseCase {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly changes: CatalogEdits,
    private readonly regionId: string,
  ) {}

  async execute(actor: Actor, type: string, input: unknown): Promise<Price> {
    const command = parseCommand(SetPriceCommand, { ...(typeof input === 'object' && input !== null ? input : {}), instanceTypeId: type });
    return this.changes.apply(actor, 'price.set', `price/${this.regionId}/${command.instanceTypeId}`, async (tx) => {
      const [current] = await this.catalog.saleSpecsOf(tx, this.regionId, command.instanceTypeId);
      if (!current) throw new AdminError('InstanceType.NotFound', `${command.instanceTypeId} is not sold in ${this.regionId}.`);
      await this.catalog.setPrice(tx, this.regionId, command.instanceTypeId, toMilli(command.pricePerHour), command.currency);
      const after: Price = { regionId: this.regionId, instanceTypeId: command.instanceTypeId, pricePerHour: toMilli(command.pricePerHour) / 1000, currency: command.currency };
      return { before: { pricePerHour: current.pricePerHour, currency: current.currency }, after: { pricePerHour: after.pricePerHour, currency: after.currency }, result: after };
    });
  }
}
