import { apiCall } from '../testing/api-call';
import { testDeps } from '../testing/test-deps';
import { DescribeInstanceTypesHandler } from './describe-instance-types.handler';

function describeTypes(params: Record<string, string> = {}) {
  return new DescribeInstanceTypesHandler(testDeps()).handle(apiCall('DescribeInstanceTypes', params));
}

describe('DescribeInstanceTypes', () => {
  it('lists every type in id order with vCPUs and memory in GiB', async () => {
    expect(await describeTypes()).toEqual({
      InstanceTypes: {
        InstanceType: [
          { InstanceTypeId: 'ecs.c7.large', InstanceTypeFamily: 'ecs.c7', CpuCoreCount: 2, MemorySize: 4 },
          { InstanceTypeId: 'ecs.g7.large', InstanceTypeFamily: 'ecs.g7', CpuCoreCount: 2, MemorySize: 8 },
          { InstanceTypeId: 'ecs.g7.xlarge', InstanceTypeFamily: 'ecs.g7', CpuCoreCount: 4, MemorySize: 16 },
          { InstanceTypeId: 'ecs.t5.small', InstanceTypeFamily: 'ecs.t5', CpuCoreCount: 1, MemorySize: 0.5 },
        ],
      },
      NextToken: '',
    });
  });

  it('filters by InstanceTypes.N and InstanceTypeFamily', async () => {
    const byIds = await describeTypes({ 'InstanceTypes.1': 'ecs.t5.small', 'InstanceTypes.2': 'ecs.g7.large' });
    expect(byIds).toMatchObject({ InstanceTypes: { InstanceType: [{ InstanceTypeId: 'ecs.g7.large' }, { InstanceTypeId: 'ecs.t5.small' }] } });
    const byFamily = await describeTypes({ InstanceTypeFamily: 'ecs.g7' });
    expect(byFamily).toMatchObject({ InstanceTypes: { InstanceType: [{ InstanceTypeId: 'ecs.g7.large' }, { InstanceTypeId: 'ecs.g7.xlarge' }] } });
  });

  it('pages with MaxResults and NextToken until the token is empty', async () => {
    const seen: string[] = [];
    let nextToken = '';
    do {
      const page = (await describeTypes({ MaxResults: '3', ...(nextToken !== '' && { NextToken: nextToken }) })) as {
        InstanceTypes: { InstanceType: Array<{ InstanceTypeId: string }> };
        NextToken: string;
      };
      seen.push(...page.InstanceTypes.InstanceType.map((type) => type.InstanceTypeId));
      nextToken = page.NextToken;
    } while (nextToken !== '');
    expect(seen).toEqual(['ecs.c7.large', 'ecs.g7.large', 'ecs.g7.xlarge', 'ecs.t5.small']);
  });

  it('rejects MaxResults outside 1–1600 and more than 10 InstanceTypes.N', async () => {
    await expect(describeTypes({ MaxResults: '0' })).rejects.toMatchObject({ code: 'InvalidParameter' });
    await expect(describeTypes({ MaxResults: '1601' })).rejects.toMatchObject({ code: 'InvalidParameter' });
    await expect(describeTypes({ 'InstanceTypes.11': 'ecs.g7.large' })).rejects.toMatchObject({ code: 'InvalidParameter' });
  });
});
