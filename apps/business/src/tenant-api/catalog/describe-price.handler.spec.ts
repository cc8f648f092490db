import { DescribePriceResponseBody } from '@alicloud/ecs20140526/dist/models/DescribePriceResponseBody';
import { EcsError } from '@ecs/domain';
import { apiCall } from '../testing/api-call';
import { sdkModelViolations } from '../testing/sdk-model';
import { testDeps } from '../testing/test-deps';
import { DescribePriceHandler } from './describe-price.handler';

describe('DescribePrice', () => {
  const handler = new DescribePriceHandler(testDeps());

  it('quotes the configured hourly price times hours and amount, in the SDK model shape', async () => {
    const result = await handler.handle(apiCall('DescribePrice', { InstanceType: 'ecs.g7.large', Amount: '3', Period: '2' }));
    expect(sdkModelViolations(result, DescribePriceResponseBody)).toEqual([]);
    expect(result).toMatchObject({ PriceInfo: { Price: { OriginalPrice: 3, TradePrice: 3, DiscountPrice: 0, Currency: 'CNY' } } });
  });

  it('uses the zone asked for and refuses types, zones and price units it cannot quote', async () => {
    await expect(handler.handle(apiCall('DescribePrice', { InstanceType: 'ecs.g7.large', ZoneId: 'cn-test-1a' }))).resolves.toMatchObject({ PriceInfo: { Price: { TradePrice: 0.5 } } });
    const codeOf = (params: Record<string, string>) => handler.handle(apiCall('DescribePrice', params)).then(() => 'ok', (e: EcsError) => e.code);
    expect(await codeOf({})).toBe('MissingParameter');
    expect(await codeOf({ InstanceType: 'ecs.nope.large' })).toBe('InvalidInstanceType.NotFound');
    expect(await codeOf({ InstanceType: 'ecs.g7.large', ZoneId: 'cn-test-9z' })).toBe('InvalidZoneId.NotFound');
    expect(await codeOf({ InstanceType: 'ecs.g7.large', PriceUnit: 'Month' })).toBe('InvalidParameter');
    expect(await codeOf({ InstanceType: 'ecs.g7.large', ResourceType: 'disk' })).toBe('InvalidParameter');
  });
});
