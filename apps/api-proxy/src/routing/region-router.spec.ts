import type { ApiCall, ApiDispatcher, ApiResult } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';
import fc from 'fast-check';
import { ECS_ACTION_SCOPES } from './ecs-actions';
import { RegionRouter } from './region-router';

/** A regional business layer that says who it is and holds a set of instances. */
class RegionDouble implements ApiDispatcher {
  readonly calls: ApiCall[] = [];

  constructor(
    readonly regionId: string,
    private readonly instanceIds: readonly string[] = [],
  ) {}

  async dispatch(call: ApiCall): Promise<ApiResult> {
    this.calls.push(call);
    const instanceId = call.params['InstanceId'];
    if (instanceId === 'i-broken') throw new EcsError('IncorrectInstanceStatus');
    if (instanceId !== undefined && !this.instanceIds.includes(instanceId)) throw new EcsError('InvalidInstanceId.NotFound');
    return { servedBy: this.regionId };
  }
}

function call(action: string, regionId: string | undefined, params: Record<string, string> = {}, version = '2014-05-26'): ApiCall {
  return { requestId: 'REQ', action, version, regionId, params, caller: { accountId: '1', accessKeyId: 'ak' }, sourceIp: '203.0.113.1' };
}

function router() {
  const north = new RegionDouble('cn-north-1', ['i-north']);
  const south = new RegionDouble('cn-south-1', ['i-south']);
  const regions = new Map<string, ApiDispatcher>([
    ['cn-north-1', north],
    ['cn-south-1', south],
  ]);
  return { north, south, router: new RegionRouter({ regions }) };
}

describe('RegionRouter', () => {
  it("routes a regional action to its RegionId's business layer, untouched", async () => {
    const { router: proxy, south, north } = router();
    const sent = call('DescribeInstances', 'cn-south-1', { PageSize: '5' });
    expect(await proxy.dispatch(sent)).toEqual({ servedBy: 'cn-south-1' });
    expect(south.calls).toEqual([sent]);
    expect(north.calls).toEqual([]);
  });

  it('routes every regional action by region', async () => {
    const regional = Object.entries(ECS_ACTION_SCOPES).filter(([, scope]) => scope === 'regional');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...regional.map(([action]) => action)), fc.constantFrom('cn-north-1', 'cn-south-1'), async (action, regionId) => {
        expect(await router().router.dispatch(call(action, regionId))).toEqual({ servedBy: regionId });
      }),
    );
  });

  it('requires RegionId for a regional action and rejects unknown regions', async () => {
    const { router: proxy } = router();
    await expect(proxy.dispatch(call('RunInstances', undefined))).rejects.toMatchObject({ code: 'MissingParameter', message: expect.stringContaining('RegionId') });
    await expect(proxy.dispatch(call('RunInstances', ''))).rejects.toMatchObject({ code: 'MissingParameter' });
    await expect(proxy.dispatch(call('RunInstances', 'mars-1'))).rejects.toMatchObject({ code: 'InvalidRegionId.NotFound', status: 404 });
  });

  it('serves global actions from any region, with or without a RegionId', async () => {
    const { router: proxy } = router();
    expect(await proxy.dispatch(call('DescribeRegions', undefined))).toEqual({ servedBy: 'cn-north-1' });
    expect(await proxy.dispatch(call('DescribeRegions', 'cn-south-1'))).toEqual({ servedBy: 'cn-south-1' });
    expect(await proxy.dispatch(call('DescribeInstanceTypes', 'mars-1'))).toEqual({ servedBy: 'cn-north-1' });
  });

  it('sends an instance action with a RegionId to that region only', async () => {
    const { router: proxy, north } = router();
    await expect(proxy.dispatch(call('StartInstance', 'cn-north-1', { InstanceId: 'i-south' }))).rejects.toMatchObject({ code: 'InvalidInstanceId.NotFound' });
    expect(north.calls).toHaveLength(1);
    await expect(proxy.dispatch(call('StartInstance', 'mars-1', { InstanceId: 'i-south' }))).rejects.toMatchObject({ code: 'InvalidRegionId.NotFound' });
  });

  it('finds the region holding the instance when the SDK sends no RegionId', async () => {
    const { router: proxy, north, south } = router();
    expect(await proxy.dispatch(call('StopInstance', undefined, { InstanceId: 'i-south' }))).toEqual({ servedBy: 'cn-south-1' });
    expect(north.calls).toHaveLength(1);
    expect(south.calls).toHaveLength(1);
    await expect(proxy.dispatch(call('DescribeInstanceAttribute', undefined, { InstanceId: 'i-nowhere' }))).rejects.toMatchObject({ code: 'InvalidInstanceId.NotFound' });
  });

  it("stops looking at the first region that answers with anything but not-found", async () => {
    const { router: proxy, south } = router();
    await expect(proxy.dispatch(call('RebootInstance', undefined, { InstanceId: 'i-broken' }))).rejects.toMatchObject({ code: 'IncorrectInstanceStatus' });
    expect(south.calls).toEqual([]);
  });

  it('accepts only version 2014-05-26', async () => {
    const { router: proxy } = router();
    await expect(proxy.dispatch(call('DescribeInstances', 'cn-north-1', {}, '2016-03-14'))).rejects.toMatchObject({ code: 'InvalidVersion' });
    await expect(proxy.dispatch(call('DescribeInstances', 'cn-north-1', {}, ''))).rejects.toMatchObject({ code: 'MissingParameter', message: expect.stringContaining('Version') });
  });

  it('answers an action it does not route with InvalidAction.NotFound, whatever the region', async () => {
    const { router: proxy } = router();
    await expect(proxy.dispatch(call('LaunchRocket', 'cn-north-1'))).rejects.toMatchObject({ code: 'InvalidAction.NotFound' });
    await expect(proxy.dispatch(call('toString', undefined))).rejects.toMatchObject({ code: 'InvalidAction.NotFound' });
  });

  it('refuses to start without regions', () => {
    expect(() => new RegionRouter({ regions: new Map() })).toThrow('at least one region');
  });
});
