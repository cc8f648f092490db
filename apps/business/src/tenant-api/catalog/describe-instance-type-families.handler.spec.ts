import { apiCall } from '../testing/api-call';
import { testDeps } from '../testing/test-deps';
import { DescribeInstanceTypeFamiliesHandler } from './describe-instance-type-families.handler';

describe('DescribeInstanceTypeFamilies', () => {
  it('lists the families with a sale spec in the region, open or closed', async () => {
    const result = await new DescribeInstanceTypeFamiliesHandler(testDeps()).handle(apiCall('DescribeInstanceTypeFamilies'));
    expect(result).toEqual({
      InstanceTypeFamilies: {
        InstanceTypeFamily: [
          { InstanceTypeFamilyId: 'ecs.g7', Generation: 'ecs-6' },
          { InstanceTypeFamilyId: 'ecs.c7', Generation: 'ecs-6' },
        ],
      },
    });
  });

  it('filters by Generation', async () => {
    const result = await new DescribeInstanceTypeFamiliesHandler(testDeps()).handle(apiCall('DescribeInstanceTypeFamilies', { Generation: 'ecs-4' }));
    expect(result).toEqual({ InstanceTypeFamilies: { InstanceTypeFamily: [] } });
  });
});
