import { apiCall } from '../testing/api-call';
import { testDeps } from '../testing/test-deps';
import { DescribeZonesHandler } from './describe-zones.handler';

describe('DescribeZones', () => {
  it("lists the region's zones with the instance types on sale in each", async () => {
    const result = await new DescribeZonesHandler(testDeps()).handle(apiCall('DescribeZones'));
    expect(result).toEqual({
      Zones: {
        Zone: [
          { ZoneId: 'cn-test-1a', LocalName: 'Zone A', ZoneType: 'AvailabilityZone', AvailableInstanceTypes: { InstanceTypes: ['ecs.g7.large', 'ecs.g7.xlarge'] } },
          { ZoneId: 'cn-test-1b', LocalName: 'Zone B', ZoneType: 'AvailabilityZone', AvailableInstanceTypes: { InstanceTypes: [] } },
          { ZoneId: 'cn-test-1c', LocalName: 'Zone C', ZoneType: 'AvailabilityZone', AvailableInstanceTypes: { InstanceTypes: [] } },
        ],
      },
    });
  });

  it('lists only ids and names when Verbose=false', async () => {
    const result = await new DescribeZonesHandler(testDeps()).handle(apiCall('DescribeZones', { Verbose: 'false' }));
    expect(result).toEqual({
      Zones: {
        Zone: [
          { ZoneId: 'cn-test-1a', LocalName: 'Zone A' },
          { ZoneId: 'cn-test-1b', LocalName: 'Zone B' },
          { ZoneId: 'cn-test-1c', LocalName: 'Zone C' },
        ],
      },
    });
  });

  it('rejects a Verbose that is not a boolean', async () => {
    await expect(new DescribeZonesHandler(testDeps()).handle(apiCall('DescribeZones', { Verbose: 'yes' }))).rejects.toMatchObject({ code: 'InvalidParameter' });
  });
});
