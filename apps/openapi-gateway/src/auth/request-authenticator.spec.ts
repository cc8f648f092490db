import fc from 'fast-check';
import type { AccessKeyRecord } from '@ecs/contracts';
import { encodeRpcParams, signAcs3Request, signRpcRequest } from '@ecs/signature';
import type { RawRpcRequest } from '../request/raw-rpc-request';
import { InMemoryCache } from '../testing/in-memory-cache';
import { RequestAuthenticator } from './request-authenticator';

const KEY: AccessKeyRecord = { accessKeyId: 'LTAI5tUnitKey', accessKeySecret: 'unit-secret', accountId: '42', enabled: true };
const VERSION = '2014-05-26';
const NOW = Date.UTC(2024, 5, 1, 12, 0, 0);

function v1Get(params: Record<string, string>, nonce?: string): RawRpcRequest {
  const signed = signRpcRequest({ method: 'GET', params: { Action: 'DescribeInstances', Version: VERSION, ...params }, accessKeyId: KEY.accessKeyId, accessKeySecret: KEY.accessKeySecret, timestamp: new Date(NOW), ...(nonce ? { nonce } : {}) });
  return { method: 'GET', url: '/?' + encodeRpcParams(signed), headers: {}, body: undefined, sourceIp: '10.0.0.1' };
}

describe('RequestAuthenticator', () => {
  let now: number;
  let keys: Map<string, AccessKeyRecord>;
  let authenticator: RequestAuthenticator;

  beforeEach(() => {
    now = NOW;
    keys = new Map([[KEY.accessKeyId, KEY]]);
    authenticator = new RequestAuthenticator({
      credentials: { findAccessKey: async (id) => keys.get(id) },
      cache: new InMemoryCache(() => now),
      config: { timestampWindowMs: 15 * 60 * 1000, throttlePerSecond: 2 },
      now: () => now,
    });
  });

  it('admits a v1 request, keeping only the action parameters and RegionId', async () => {
    const admitted = await authenticator.authenticate(v1Get({ RegionId: 'cn-hangzhou', PageSize: '10' }));
    expect(admitted).toEqual({
      caller: { accountId: '42', accessKeyId: KEY.accessKeyId },
      action: 'DescribeInstances',
      version: VERSION,
      regionId: 'cn-hangzhou',
      params: expect.anything(),
    });
    expect({ ...admitted.params }).toEqual({ RegionId: 'cn-hangzhou', PageSize: '10' });
  });

  it('admits an ACS3 request with parameters in query and body', async () => {
    const query = { RegionId: 'cn-hangzhou' };
    const body = encodeRpcParams({ 'Tag.1.Key': 'env', 'Tag.1.Value': 'a b' });
    const headers = signAcs3Request({
      method: 'POST',
      host: 'ecs.test.internal',
      action: 'DescribeInstances',
      version: VERSION,
      query,
      body: { contentType: 'application/x-www-form-urlencoded', payload: body },
      accessKeyId: KEY.accessKeyId,
      accessKeySecret: KEY.accessKeySecret,
      date: new Date(NOW),
    });
    const admitted = await authenticator.authenticate({ method: 'POST', url: '/?' + encodeRpcParams(query), headers, body: Buffer.from(body), sourceIp: '10.0.0.1' });
    expect(admitted).toMatchObject({ action: 'DescribeInstances', version: VERSION, regionId: 'cn-hangzhou', caller: { accessKeyId: KEY.accessKeyId } });
    expect({ ...admitted.params }).toEqual({ RegionId: 'cn-hangzhou', 'Tag.1.Key': 'env', 'Tag.1.Value': 'a b' });
  });

  it('answers SignatureDoesNotMatch when any one action parameter is changed after signing', async () => {
    const value = fc.string({ unit: 'binary', maxLength: 12 });
    const common = new Set(['Action', 'Version', 'Timestamp', 'Format', 'AccessKeyId', 'Signature', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce']);
    const name = fc.stringMatching(/^[A-Z][A-Za-z0-9.]{0,8}$/).filter((key) => !common.has(key));
    await fc.assert(
      fc.asyncProperty(fc.dictionary(name, value, { minKeys: 1, maxKeys: 5 }), fc.nat(), value, async (params, pick, replacement) => {
        const keysOfParams = Object.keys(params);
        const key = keysOfParams[pick % keysOfParams.length];
        fc.pre(params[key] !== replacement);
        const genuine = v1Get(params);
        const search = new URLSearchParams(genuine.url.slice(2));
        search.set(key, replacement);
        await expect(authenticator.authenticate({ ...genuine, url: '/?' + search.toString() })).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
      }),
      { numRuns: 50 },
    );
  });

  it('does not burn the nonce of a throttled request, so the same request succeeds in the next second', async () => {
    await authenticator.authenticate(v1Get({}, 'n-1'));
    await authenticator.authenticate(v1Get({}, 'n-2'));
    const third = v1Get({}, 'n-3');
    await expect(authenticator.authenticate(third)).rejects.toMatchObject({ code: 'Throttling.User' });
    now += 1000;
    await expect(authenticator.authenticate(third)).resolves.toMatchObject({ action: 'DescribeInstances' });
  });

  it('applies a disabled key at once', async () => {
    await authenticator.authenticate(v1Get({}, 'n-1'));
    keys.set(KEY.accessKeyId, { ...KEY, enabled: false });
    await expect(authenticator.authenticate(v1Get({}, 'n-2'))).rejects.toMatchObject({ code: 'InvalidAccessKeyId.Inactive' });
  });

  it('checks the timestamp before looking the key up', async () => {
    now += 16 * 60 * 1000;
    keys.clear();
    await expect(authenticator.authenticate(v1Get({}))).rejects.toMatchObject({ code: 'InvalidTimeStamp.Expired' });
  });
});
