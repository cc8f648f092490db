import { request } from 'node:http';
import type Ecs from '@alicloud/ecs20140526';
import { encodeRpcParams, signRpcRequest } from '@ecs/signature';
import { $Ecs, ecsClient, errorCodeOf, popClient } from '../support/sdk-clients';
import { startTestPlatform, type TestPlatform } from '../support/platform-harness';

const REGION = 'cn-hangzhou';
const IMAGE = 'aliyun_3_x64_20G_alibase_20241103.vhd';

function post(url: string, body: string): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
      let data = '';
      res.on('data', (chunk: Buffer) => (data += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(data) as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('tenant isolation and request authentication (all-in-one)', () => {
  let platform: TestPlatform;
  let alice: Ecs;
  let bob: Ecs;
  let bobKey: { accessKeyId: string; accessKeySecret: string };

  beforeAll(async () => {
    platform = await startTestPlatform();
    alice = ecsClient(platform.gatewayUrl, platform.credentials);
    const created = await platform.accounts.createAccount('bob');
    bobKey = { accessKeyId: created.AccessKeyId, accessKeySecret: created.AccessKeySecret };
    bob = ecsClient(platform.gatewayUrl, bobKey);
  });
  afterAll(async () => platform.dispose());

  it("hides one tenant's instances from another (not found, never forbidden)", async () => {
    const { body } = await alice.runInstances(new $Ecs.RunInstancesRequest({ regionId: REGION, zoneId: 'cn-hangzhou-h', instanceType: 'ecs.g7.large', imageId: IMAGE }));
    const id = body!.instanceIdSets!.instanceIdSet![0];
    const seen = await bob.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify([id]) }));
    expect(seen.body!.totalCount).toBe(0);
    expect(await errorCodeOf(bob.describeInstanceAttribute(new $Ecs.DescribeInstanceAttributeRequest({ instanceId: id })))).toBe('InvalidInstanceId.NotFound');
    expect(await errorCodeOf(bob.stopInstance(new $Ecs.StopInstanceRequest({ instanceId: id, forceStop: true })))).toBe('InvalidInstanceId.NotFound');
    expect(await errorCodeOf(bob.deleteInstance(new $Ecs.DeleteInstanceRequest({ instanceId: id, force: true })))).toBe('InvalidInstanceId.NotFound');
  });

  it('rejects a wrong secret and an unknown key', async () => {
    const wrongSecret = ecsClient(platform.gatewayUrl, { accessKeyId: platform.credentials.accessKeyId, accessKeySecret: 'not-the-secret-at-all-0000' });
    expect(await errorCodeOf(wrongSecret.describeRegions(new $Ecs.DescribeRegionsRequest({})))).toBe('SignatureDoesNotMatch');
    const unknown = popClient(platform.gatewayUrl, { accessKeyId: 'LTAI00000000000000000000', accessKeySecret: 'whatever-secret-000000' });
    expect(await errorCodeOf(unknown.request('DescribeRegions', {}, { method: 'POST' }))).toBe('InvalidAccessKeyId.NotFound');
  });

  it('rejects a stale timestamp, a reused nonce and a tampered parameter', async () => {
    const { accessKeyId, accessKeySecret } = platform.credentials;
    const stale = signRpcRequest({ method: 'POST', params: { Action: 'DescribeRegions', Version: '2014-05-26' }, accessKeyId, accessKeySecret, timestamp: new Date(Date.now() - 60 * 60 * 1000) });
    expect((await post(platform.gatewayUrl, encodeRpcParams(stale))).json.Code).toBe('InvalidTimeStamp.Expired');

    const once = signRpcRequest({ method: 'POST', params: { Action: 'DescribeRegions', Version: '2014-05-26' }, accessKeyId, accessKeySecret });
    expect((await post(platform.gatewayUrl, encodeRpcParams(once))).status).toBe(200);
    const replay = await post(platform.gatewayUrl, encodeRpcParams(once));
    expect(replay.json.Code).toBe('SignatureNonceUsed');

    const signed = signRpcRequest({ method: 'POST', params: { Action: 'DescribeInstances', Version: '2014-05-26', RegionId: REGION, PageSize: '10' }, accessKeyId, accessKeySecret });
    const tampered = await post(platform.gatewayUrl, encodeRpcParams({ ...signed, PageSize: '100' }));
    expect(tampered.json.Code).toBe('SignatureDoesNotMatch');
    expect(JSON.stringify(tampered.json)).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('refuses a disabled AccessKey on its very next request', async () => {
    await bob.describeRegions(new $Ecs.DescribeRegionsRequest({}));
    await platform.accounts.setAccessKeyEnabled(bobKey.accessKeyId, false);
    expect(await errorCodeOf(bob.describeRegions(new $Ecs.DescribeRegionsRequest({})))).toBe('InvalidAccessKeyId.Inactive');
  });
});
