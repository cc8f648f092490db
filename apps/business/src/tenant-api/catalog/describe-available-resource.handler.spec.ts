import { apiCall } from '../testing/api-call';
import { FakeControl } from '../testing/fake-control';
import { testDeps } from '../testing/test-deps';
import { DescribeAvailableResourceHandler } from './describe-available-resource.handler';

function handler() {
  const control = new FakeControl([], [
    { zoneId: 'cn-test-1a', instanceTypeId: 'ecs.g7.large', availableCount: 3 },
    { zoneId: 'cn-test-1a', instanceTypeId: 'ecs.c7.large', availableCount: 9 },
    { zoneId: 'cn-test-1b', instanceTypeId: 'ecs.g7.large', availableCount: 0 },
  ]);
  return new DescribeAvailableResourceHandler(testDeps(control));
}

describe('DescribeAvailableResource', () => {
  it('rates each zone with a sale spec by its best instance type', async () => {
    const result = await handler().handle(apiCall('DescribeAvailableResource', { DestinationResource: 'Zone' }));
    expect(result).toEqual({
      AvailableZones: {
        AvailableZone: [
          {
            RegionId: 'cn-test-1',
            ZoneId: 'cn-test-1a',
            Status: 'Available',
            StatusCategory: 'WithStock',
            AvailableResources: {
              AvailableResource: [
                { Type: 'Zone', SupportedResources: { SupportedResource: [{ Value: 'cn-test-1a', Status: 'Available', StatusCategory: 'WithStock' }] } },
              ],
            },
          },
          {
            RegionId: 'cn-test-1',
            ZoneId: 'cn-test-1b',
            Status: 'SoldOut',
            StatusCategory: 'ClosedWithoutStock',
            AvailableResources: {
              AvailableResource: [
                {
                  Type: 'Zone',
                  SupportedResources: { SupportedResource: [{ Value: 'cn-test-1b', Status: 'SoldOut', StatusCategory: 'ClosedWithoutStock' }] },
                },
              ],
            },
          },
        ],
      },
    });
  });

  it('lists instance types per zone from sale state and stock', async () => {
    const result = await handler().handle(apiCall('DescribeAvailableResource', { DestinationResource: 'InstanceType', ZoneId: 'cn-test-1a' }));
    expect(result).toEqual({
      AvailableZones: {
        AvailableZone: [
          {
            RegionId: 'cn-test-1',
            ZoneId: 'cn-test-1a',
            Status: 'Available',
            StatusCategory: 'WithStock',
            AvailableResources: {
              AvailableResource: [
                {
                  Type: 'InstanceType',
                  SupportedResources: {
                    SupportedResource: [
                      { Value: 'ecs.c7.large', Status: 'SoldOut', StatusCategory: 'ClosedWithStock' },
                      { Value: 'ecs.g7.large', Status: 'Available', StatusCategory: 'WithStock' },
                      { Value: 'ecs.g7.xlarge', Status: 'SoldOut', StatusCategory: 'WithoutStock' },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    });
  });

  it('narrows to one instance type and drops zones that do not offer it', async () => {
    const result = await handler().handle(apiCall('DescribeAvailableResource', { DestinationResource: 'InstanceType', InstanceType: 'ecs.g7.xlarge' }));
    expect(result).toMatchObject({
      AvailableZones: {
        AvailableZone: [
          {
            ZoneId: 'cn-test-1a',
            Status: 'SoldOut',
            StatusCategory: 'WithoutStock',
            AvailableResources: { AvailableResource: [{ SupportedResources: { SupportedResource: [{ Value: 'ecs.g7.xlarge' }] } }] },
          },
        ],
      },
    });
  });

  it('requires a supported DestinationResource', async () => {
    await expect(handler().handle(apiCall('DescribeAvailableResource'))).rejects.toMatchObject({ code: 'MissingParameter' });
    await expect(handler().handle(apiCall('DescribeAvailableResource', { DestinationResource: 'SystemDisk' }))).rejects.toMatchObject({ code: 'InvalidParameter' });
  });
});
