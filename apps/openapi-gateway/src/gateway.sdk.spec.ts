import Ecs, * as $Ecs from '@alicloud/ecs20140526';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import * as OpenApi from '@alicloud/openapi-client';
import RPCClient from '@alicloud/pop-core';
import { EcsError } from '@ecs/domain';
import { formatSignatureTimestamp } from '@ecs/signature';
import { DISABLED, startGateway, TENANT, type GatewayUnderTest } from './testing/gateway-under-test';
import { expectNoStackTrace } from './testing/raw-http';

const REGIONS = { Regions: { Region: [{ RegionId: 'cn-hangzhou', LocalName: '华东 1（杭州）', RegionEndpoint: 'ecs.cn-hangzhou.test.internal' }] } };
const VERSION = '2014-05-26';
type EcsRuntime = Parameters<Ecs['describeRegionsWithOptions']>[1];
type AnyKey = { readonly accessKeyId: string; readonly accessKeySecret: string };

function popClient(gateway: GatewayUnderTest, key: AnyKey = TENANT): RPCClient {
  return new RPCClient({ accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret, endpoint: `http://${gateway.host}`, apiVersion: VERSION });
}

function ecsClient(gateway: GatewayUnderTest, key: AnyKey = TENANT): Ecs {
  const config = new OpenApi.Config({ accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret, endpoint: gateway.host, protocol: 'http', regionId: 'cn-hangzhou' });
  return new Ecs(config);
}

/** Runtime options whose extra headers override what openapi-core would send. */
function withHeaders(headers: Record<string, string>): EcsRuntime {
  return { extendsParameters: { headers } } as unknown as EcsRuntime;
}

/** A raw RPC call through openapi-core, for what the typed ECS methods never send (an empty Action, a form body). */
function callRpc(client: Ecs, action: string, body?: Record<string, string>) {
  const params = new $OpenApiUtil.Params({ action, version: VERSION, protocol: 'HTTPS', pathname: '/', method: 'POST', authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json' });
  return client.callApi(params, new $OpenApiUtil.OpenApiRequest(body ? { body } : {}), withHeaders({}));
}

interface SdkFailure {
  readonly code: string;
  readonly data: unknown;
}

async function failureOf(call: Promise<unknown>): Promise<SdkFailure> {
  try {
    await call;
  } catch (error) {
    const { code, data } = error as { code?: unknown; data?: unknown };
    expectNoStackTrace(data);
    return { code: String(code), data };
  }
  throw new Error('the call succeeded');
}

const staleTimestamp = () => formatSignatureTimestamp(new Date(Date.now() - 16 * 60 * 1000));

describe('gateway with the official SDKs', () => {
  let gateway: GatewayUnderTest;

  beforeAll(async () => {
    gateway = await startGateway({
      answer: async (call) => {
        if (call.action === 'DescribeRegions') return REGIONS;
        if (call.action === 'DescribeInstances') return { TotalCount: 0, PageNumber: 1, PageSize: 10, Instances: { Instance: [] } };
        throw new EcsError('InvalidAction.NotFound');
      },
    });
  });

  afterAll(() => gateway.close());

  describe('@alicloud/pop-core (RPC HMAC-SHA1 v1)', () => {
    it.each(['GET', 'POST'] as const)('answers DescribeRegions over %s with the dispatcher result and a RequestId', async (method) => {
      const response = await popClient(gateway).request<Record<string, unknown>>('DescribeRegions', { RegionId: 'cn-hangzhou', AcceptLanguage: 'zh-CN' }, { method });
      const call = gateway.dispatcher.lastCall;
      expect(response).toEqual({ RequestId: call.requestId, ...REGIONS });
      expect(call.requestId).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
      expect(call).toMatchObject({
        action: 'DescribeRegions',
        version: VERSION,
        regionId: 'cn-hangzhou',
        caller: { accountId: TENANT.accountId, accessKeyId: TENANT.accessKeyId },
        sourceIp: '127.0.0.1',
      });
      expect({ ...call.params }).toEqual({ RegionId: 'cn-hangzhou', AcceptLanguage: 'zh-CN' });
    });

    it('passes a flattened array parameter through unchanged', async () => {
      await popClient(gateway).request(
        'DescribeInstances',
        { RegionId: 'cn-hangzhou', InstanceIds: '["i-1","i-2"]', Tag: [{ Key: 'env', Value: 'a b&c=d' }, { Key: '项目', Value: "x!'()*" }] },
        { method: 'POST' },
      );
      expect({ ...gateway.dispatcher.lastCall.params }).toEqual({
        RegionId: 'cn-hangzhou',
        InstanceIds: '["i-1","i-2"]',
        'Tag.1.Key': 'env',
        'Tag.1.Value': 'a b&c=d',
        'Tag.2.Key': '项目',
        'Tag.2.Value': "x!'()*",
      });
    });

    it('raises SignatureDoesNotMatch for a wrong secret', async () => {
      const failure = await failureOf(popClient(gateway, { ...TENANT, accessKeySecret: 'not-the-secret' }).request('DescribeRegions', {}));
      expect(failure.code).toBe('SignatureDoesNotMatch');
      expect(failure.data).toMatchObject({ Code: 'SignatureDoesNotMatch', HostId: 'ecs.test.internal', Message: expect.any(String), Recommend: expect.any(String) });
    });

    it('raises InvalidAccessKeyId.NotFound for an unknown key', async () => {
      expect((await failureOf(popClient(gateway, { accessKeyId: 'LTAI5tNobody', accessKeySecret: 'x' }).request('DescribeRegions', {}))).code).toBe('InvalidAccessKeyId.NotFound');
    });

    it('raises InvalidAccessKeyId.Inactive for a disabled key', async () => {
      expect((await failureOf(popClient(gateway, DISABLED).request('DescribeRegions', {}))).code).toBe('InvalidAccessKeyId.Inactive');
    });

    it('raises InvalidTimeStamp.Expired for a timestamp outside the window', async () => {
      expect((await failureOf(popClient(gateway).request('DescribeRegions', { Timestamp: staleTimestamp() }))).code).toBe('InvalidTimeStamp.Expired');
    });

    it('raises MissingParameter for an empty Action', async () => {
      expect((await failureOf(popClient(gateway).request('', { RegionId: 'cn-hangzhou' }))).code).toBe('MissingParameter');
    });

    it('raises RequestEntityTooLarge for a body over the limit', async () => {
      const failure = await failureOf(popClient(gateway).request('RunInstances', { UserData: 'A'.repeat(70 * 1024) }, { method: 'POST' }));
      expect(failure.code).toBe('RequestEntityTooLarge');
    });

    it('raises the code the dispatcher decides for an unknown Action', async () => {
      expect((await failureOf(popClient(gateway).request('NoSuchAction', {}))).code).toBe('InvalidAction.NotFound');
    });
  });

  describe('@alicloud/ecs20140526 (ACS3-HMAC-SHA256)', () => {
    it('answers DescribeRegions with the typed model filled from the dispatcher result', async () => {
      const response = await ecsClient(gateway).describeRegions(new $Ecs.DescribeRegionsRequest({ acceptLanguage: 'en-US' }));
      expect(response.statusCode).toBe(200);
      expect(response.body?.requestId).toBe(gateway.dispatcher.lastCall.requestId);
      expect(response.body?.regions?.region?.[0]?.regionId).toBe('cn-hangzhou');
      expect(gateway.dispatcher.lastCall).toMatchObject({ action: 'DescribeRegions', version: VERSION, regionId: undefined, caller: { accessKeyId: TENANT.accessKeyId } });
    });

    it('passes DescribeInstances array parameters through', async () => {
      const response = await ecsClient(gateway).describeInstances(
        new $Ecs.DescribeInstancesRequest({
          regionId: 'cn-hangzhou',
          instanceIds: '["i-1"]',
          pageSize: 10,
          tag: [new $Ecs.DescribeInstancesRequestTag({ key: 'env', value: 'prod stage' })],
        }),
      );
      expect(response.body?.totalCount).toBe(0);
      expect({ ...gateway.dispatcher.lastCall.params }).toEqual({
        RegionId: 'cn-hangzhou',
        InstanceIds: '["i-1"]',
        PageSize: '10',
        'Tag.1.Key': 'env',
        'Tag.1.Value': 'prod stage',
      });
      expect(gateway.dispatcher.lastCall.regionId).toBe('cn-hangzhou');
    });

    it('accepts parameters in a signed form body', async () => {
      await callRpc(ecsClient(gateway), 'DescribeRegions', { RegionId: 'cn-beijing', AcceptLanguage: 'en-US' });
      expect(gateway.dispatcher.lastCall).toMatchObject({ action: 'DescribeRegions', regionId: 'cn-beijing' });
      expect({ ...gateway.dispatcher.lastCall.params }).toEqual({ RegionId: 'cn-beijing', AcceptLanguage: 'en-US' });
    });

    it('raises SignatureDoesNotMatch for a wrong secret', async () => {
      expect((await failureOf(ecsClient(gateway, { ...TENANT, accessKeySecret: 'nope' }).describeRegions(new $Ecs.DescribeRegionsRequest({})))).code).toBe('SignatureDoesNotMatch');
    });

    it('raises InvalidAccessKeyId.NotFound for an unknown key', async () => {
      const client = ecsClient(gateway, { accessKeyId: 'LTAI5tNobody', accessKeySecret: 'x' });
      expect((await failureOf(client.describeRegions(new $Ecs.DescribeRegionsRequest({})))).code).toBe('InvalidAccessKeyId.NotFound');
    });

    it('raises InvalidAccessKeyId.Inactive for a disabled key', async () => {
      expect((await failureOf(ecsClient(gateway, DISABLED).describeRegions(new $Ecs.DescribeRegionsRequest({})))).code).toBe('InvalidAccessKeyId.Inactive');
    });

    it('raises InvalidTimeStamp.Expired for an x-acs-date outside the window', async () => {
      const call = ecsClient(gateway).describeRegionsWithOptions(new $Ecs.DescribeRegionsRequest({}), withHeaders({ 'x-acs-date': staleTimestamp() }));
      expect((await failureOf(call)).code).toBe('InvalidTimeStamp.Expired');
    });

    it('raises MissingParameter for an empty Action', async () => {
      expect((await failureOf(callRpc(ecsClient(gateway), ''))).code).toBe('MissingParameter');
    });

    it('raises RequestEntityTooLarge for a body over the limit', async () => {
      expect((await failureOf(callRpc(ecsClient(gateway), 'RunInstances', { UserData: 'A'.repeat(70 * 1024) }))).code).toBe('RequestEntityTooLarge');
    });
  });
});

describe('throttling through the official SDKs', () => {
  let gateway: GatewayUnderTest;

  beforeAll(async () => {
    gateway = await startGateway({ config: { throttlePerSecond: 2 }, answer: async () => REGIONS });
  });

  afterAll(() => gateway.close());

  // Eight calls at once span at most two one-second windows, so at least one window sees four.
  it.each([
    ['@alicloud/pop-core', () => popClient(gateway).request('DescribeRegions', {})],
    ['@alicloud/ecs20140526', () => ecsClient(gateway).describeRegions(new $Ecs.DescribeRegionsRequest({}))],
  ] as const)('%s raises Throttling.User beyond the per-key rate', async (_sdk, call) => {
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, call));
    const codes = outcomes.map((outcome) => (outcome.status === 'rejected' ? String((outcome.reason as { code?: unknown }).code) : 'ok'));
    expect(codes).toContain('Throttling.User');
    expect(codes.filter((code) => code !== 'ok' && code !== 'Throttling.User')).toEqual([]);
  });
});
