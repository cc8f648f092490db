import { MemoryCache, type Cache } from '@ecs/cache';
import type { ControlApi, InstancePage, InstanceQuery, InstanceView } from '@ecs/contracts';
import { configureLogging } from '@ecs/observability';
import { CachedControlApi } from './cached-control-api';
import { InstanceViewCache } from './instance-view-cache';

const view = (instanceId: string, status: InstanceView['status'], accountId = 'acc-1'): InstanceView => ({
  instanceId, accountId, regionId: 'cn-hangzhou', zoneId: 'cn-hangzhou-h', instanceName: 'web', hostName: 'web', description: '', instanceType: 'ecs.g7.large',
  instanceTypeFamily: 'ecs.g7', vcpus: 2, memoryMiB: 8192, imageId: 'img', osName: 'Alibaba Cloud Linux 3', osType: 'linux', status, privateIpAddress: '172.16.0.2', macAddress: '00:16:3e:00:00:01', vpcId: 'vpc',
  vSwitchId: 'vsw', securityGroupIds: [], hostId: 'h-1', creationTime: '2026-01-01T00:00:00.000Z', startTime: undefined, stoppedMode: 'Not-applicable',
  deploymentSetId: undefined, tags: [], latestOperation: undefined, hasUserData: false,
});

/** The database as control reads it: one mutable row per instance. */
class FakeControl implements Partial<ControlApi> {
  readonly rows = new Map<string, InstanceView>();
  reads = 0;

  async describeInstances(query: InstanceQuery): Promise<InstancePage> {
    this.reads++;
    const instances = [...this.rows.values()].filter((v) => v.accountId === query.accountId && (!query.instanceIds || query.instanceIds.includes(v.instanceId)));
    return { instances, totalCount: instances.length, pageNumber: 1, pageSize: query.pageSize ?? 10, nextToken: undefined };
  }

  async actOnInstances(): Promise<[]> {
    return [];
  }
}

const one = (instanceId: string, accountId = 'acc-1'): InstanceQuery => ({ accountId, regionId: 'cn-hangzhou', instanceIds: [instanceId] });

describe('CachedControlApi', () => {
  let control: FakeControl;
  let cache: Cache;
  let api: CachedControlApi;
  let views: InstanceViewCache;

  beforeEach(() => {
    configureLogging({ level: 'silent' });
    control = new FakeControl();
    cache = new MemoryCache({ keyPrefix: 'spec:' });
    views = new InstanceViewCache(cache, 30_000);
    api = new CachedControlApi(control as unknown as ControlApi, views);
    control.rows.set('i-1', view('i-1', 'Running'));
  });

  it('answers a repeated single-instance lookup from the cache, in the shape the database gives', async () => {
    const first = await api.describeInstances(one('i-1'));
    const second = await api.describeInstances(one('i-1'));
    expect(control.reads).toBe(1);
    expect(second).toEqual({ ...first, pageSize: 10 });
  });

  it('never shows a cached instance to another account', async () => {
    await api.describeInstances(one('i-1'));
    expect((await api.describeInstances(one('i-1', 'acc-2'))).instances).toEqual([]);
  });

  it('reads through a write it served, and after a lifecycle invalidation', async () => {
    await api.describeInstances(one('i-1'));
    control.rows.set('i-1', view('i-1', 'Stopping'));
    await api.actOnInstances({ accountId: 'acc-1', regionId: 'cn-hangzhou', instanceIds: ['i-1'], action: 'stop', force: false, batchMode: 'SuccessFirst', dryRun: false });
    expect((await api.describeInstances(one('i-1'))).instances[0].status).toBe('Stopping');
    control.rows.set('i-1', view('i-1', 'Stopped'));
    await views.invalidate(['i-1']);
    expect((await api.describeInstances(one('i-1'))).instances[0].status).toBe('Stopped');
  });

  it('does not let a read that began before a change put the old view back', async () => {
    // The read fetched the row, then the change committed and invalidated, then the read tries to fill.
    const stale = await control.describeInstances(one('i-1'));
    await views.invalidate(['i-1']);
    control.rows.set('i-1', view('i-1', 'Stopping'));
    await views.fill(stale.instances[0]);
    expect((await api.describeInstances(one('i-1'))).instances[0].status).toBe('Stopping');
  });

  it('sends every other query to the database', async () => {
    await api.describeInstances({ ...one('i-1'), status: 'Running' });
    await api.describeInstances({ accountId: 'acc-1', regionId: 'cn-hangzhou' });
    await api.describeInstances({ ...one('i-1'), pageNumber: 2 });
    await api.describeInstances({ ...one('i-1'), maxResults: 10 });
    expect(control.reads).toBe(4);
    expect(await cache.get('instance-view:i-1')).toBeUndefined();
  });

  it('falls back to the database when the cache fails', async () => {
    const broken: Cache = { ...cache, get: () => Promise.reject(new Error('down')), setIfAbsent: () => Promise.reject(new Error('down')), set: () => Promise.reject(new Error('down')) };
    const degraded = new CachedControlApi(control as unknown as ControlApi, new InstanceViewCache(broken, 30_000));
    expect((await degraded.describeInstances(one('i-1'))).instances[0].status).toBe('Running');
    await expect(degraded.actOnInstances({ accountId: 'acc-1', regionId: 'cn-hangzhou', instanceIds: ['i-1'], action: 'stop', force: false, batchMode: 'SuccessFirst', dryRun: false })).resolves.toEqual([]);
  });
});
