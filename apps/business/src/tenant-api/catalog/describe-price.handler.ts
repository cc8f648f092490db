import type { ApiCall, ApiResult } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';
import { optionalEnum, optionalInteger, optionalString, requiredString } from '../params/scalars';
import type { TenantActionHandler, TenantApiDeps } from '../tenant-action';

/** Only instances are priced, and only pay-as-you-go: there are no subscriptions to quote. */
const RESOURCE_TYPES = ['instance'] as const;
const PRICE_UNITS = ['Hour', 'Week', 'Month', 'Year'] as const;

interface DescribePriceCommand {
  readonly instanceType: string;
  readonly zoneId: string | undefined;
  readonly hours: number;
  readonly amount: number;
}

/**
 * The configured pay-as-you-go price of an instance type in this region (set by operators in the
 * console), times Period hours and Amount instances. No discounts: TradePrice equals OriginalPrice.
 */
export class DescribePriceHandler implements TenantActionHandler {
  readonly action = 'DescribePrice';

  constructor(private readonly deps: TenantApiDeps) {}

  async handle(call: ApiCall): Promise<ApiResult> {
    optionalEnum(call.params, 'ResourceType', RESOURCE_TYPES);
    if ((optionalEnum(call.params, 'PriceUnit', PRICE_UNITS) ?? 'Hour') !== 'Hour') {
      throw EcsError.invalid('PriceUnit', 'only Hour is offered: instances here are pay-as-you-go.');
    }
    const command: DescribePriceCommand = {
      instanceType: requiredString(call.params, 'InstanceType'),
      zoneId: optionalString(call.params, 'ZoneId'),
      hours: optionalInteger(call.params, 'Period', { min: 1, max: 8760 }) ?? 1,
      amount: optionalInteger(call.params, 'Amount', { min: 1, max: 1000 }) ?? 1,
    };
    const { pricePerHour, currency } = await this.unitPrice(command);
    // Thousandths are the unit prices are stored in; rounding there keeps float noise out of the answer.
    const total = Math.round(pricePerHour * 1000 * command.hours * command.amount) / 1000;
    return {
      PriceInfo: {
        Price: {
          OriginalPrice: total,
          DiscountPrice: 0,
          TradePrice: total,
          Currency: currency,
          DetailInfos: { DetailInfo: [{ Resource: 'instanceType', OriginalPrice: total, DiscountPrice: 0, TradePrice: total }] },
        },
        Rules: { Rule: [] },
      },
    };
  }

  private async unitPrice(command: DescribePriceCommand): Promise<{ pricePerHour: number; currency: string }> {
    const { catalog, regionId } = this.deps;
    const [type, zones, specs] = await Promise.all([catalog.instanceType(command.instanceType), catalog.zones(regionId), catalog.saleSpecs(regionId)]);
    if (type === undefined) throw new EcsError('InvalidInstanceType.NotFound');
    if (command.zoneId !== undefined && !zones.some((zone) => zone.zoneId === command.zoneId)) throw new EcsError('InvalidZoneId.NotFound');
    const spec = specs.find((s) => s.instanceTypeId === command.instanceType && (command.zoneId === undefined || s.zoneId === command.zoneId));
    if (spec === undefined) throw new EcsError('InvalidInstanceType.NotSupported', `${command.instanceType} is not sold in ${command.zoneId ?? regionId}.`);
    return spec;
  }
}
