import { testDeps } from '../testing/test-deps';
import { DescribeRegionsHandler } from './describe-regions.handler';

describe('DescribeRegions', () => {
  it('lists every catalog region as Regions.Region', async () => {
    const result = await new DescribeRegionsHandler(testDeps()).handle();
    expect(result).toEqual({
      Regions: {
        Region: [
          { RegionId: 'cn-test-1', LocalName: 'Test Region 1', RegionEndpoint: 'ecs.cn-test-1.example.test', Status: 'available' },
          { RegionId: 'cn-test-2', LocalName: 'Test Region 2', RegionEndpoint: 'ecs.cn-test-2.example.test', Status: 'available' },
        ],
      },
    });
  });
});
