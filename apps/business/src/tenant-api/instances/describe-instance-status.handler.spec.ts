import { apiCall } from '../testing/api-call';
import { FakeControl, instanceView } from '../testing/fake-control';
import { testDeps } from '../testing/test-deps';
import { DescribeInstanceStatusHandler } from './describe-instance-status.handler';

function fixture() {
  const control = new FakeControl([
    instanceView({ instanceId: 'i-1', status: 'Running' }),
    instanceView({ instanceId: 'i-2', status: 'Stopped', zoneId: 'cn-test-1b' }),
  ]);
  return { control, handler: new DescribeInstanceStatusHandler(testDeps(control)) };
}

describe('DescribeInstanceStatus', () => {
  it('answers InstanceStatuses.InstanceStatus with page numbers', async () => {
    const { handler } = fixture();
    expect(await handler.handle(apiCall('DescribeInstanceStatus'))).toEqual({
      InstanceStatuses: {
        InstanceStatus: [
          { InstanceId: 'i-1', Status: 'Running' },
          { InstanceId: 'i-2', Status: 'Stopped' },
        ],
      },
      TotalCount: 2,
      PageNumber: 1,
      PageSize: 10,
    });
  });

  it('filters by InstanceId.N and ZoneId', async () => {
    const { control, handler } = fixture();
    await handler.handle(apiCall('DescribeInstanceStatus', { 'InstanceId.1': 'i-2', ZoneId: 'cn-test-1b', PageSize: '50' }));
    expect(control.queries[0]).toEqual({ accountId: '1234567890', regionId: 'cn-test-1', instanceIds: ['i-2'], zoneId: 'cn-test-1b', pageNumber: 1, pageSize: 50 });
  });

  it('caps PageSize at 50', async () => {
    const { handler } = fixture();
    await expect(handler.handle(apiCall('DescribeInstanceStatus', { PageSize: '51' }))).rejects.toMatchObject({ code: 'InvalidParameter' });
  });
});
