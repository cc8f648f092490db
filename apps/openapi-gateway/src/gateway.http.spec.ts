import Ecs, * as $Ecs from '@alicloud/ecs20140526';
import * as OpenApi from '@alicloud/openapi-client';
import RPCClient from '@alicloud/pop-core';
import { EcsError } from '@ecs/domain';
import { encodeRpcParams, hashAcs3Payload, signAcs3Request, signRpcRequest } from '@ecs/signature';
import { startGateway, TENANT, type GatewayUnderTest } from './testing/gateway-under-test';
import { captureSignedRequest, expectNoStackTrace, sendRaw, type CapturedRequest, type RawResponse } from './testing/raw-http';

const VERSION = '2014-05-26';
const FORM = 'application/x-www-form-urlencoded';

function popCapture(method: 'GET' | 'POST', params: Record<string, string>): Promise<CapturedRequest> {
  return captureSignedRequest((host) =>
    new RPCClient({ accessKeyId: TENANT.accessKeyId, accessKeySecret: TENANT.accessKeySecret, endpoint: `http://${host}`, apiVersion: VERSION }).request('DescribeRegions', params, { method }),
  );
}

function ecsCapture(request: $Ecs.DescribeInstancesRequest): Promise<CapturedRequest> {
  return captureSignedRequest((host) => {
    const config = new OpenApi.Config({ accessKeyId: TENANT.accessKeyId, accessKeySecret: TENANT.accessKeySecret, endpoint: host, protocol: 'http', regionId: 'cn-hangzhou' });
    return new Ecs(config).describeInstances(request);
  });
}

function v1Query(params: Record<string, string>, options: { secret?: string } = {}): string {
  return '/?' + encodeRpcParams(signRpcRequest({ method: 'GET', params: { Action: 'DescribeRegions', Version: VERSION, ...params }, accessKeyId: TENANT.accessKeyId, accessKeySecret: options.secret ?? TENANT.accessKeySecret }));
}

function expectError(response: RawResponse, status: number, code: string): void {
  expect({ status: response.status, code: response.json['Code'] }).toEqual({ status, code });
  expect(response.json).toEqual({ RequestId: expect.stringMatching(/^[0-9A-F-]{36}$/), HostId: 'ecs.test.internal', Code: code, Message: expect.any(String), Recommend: expect.any(String) });
  expectNoStackTrace(response.text);
}

describe('gateway over plain HTTP', () => {
  let gateway: GatewayUnderTest;
  let answer: () => Promise<Record<string, unknown>>;

  beforeAll(async () => {
    gateway = await startGateway({ answer: () => answer() });
  });

  beforeEach(() => {
    answer = async () => ({ Ok: true });
  });

  afterAll(() => gateway.close());

  const send = (message: Parameters<typeof sendRaw>[1]) => sendRaw(gateway.port, message);

  describe('replay', () => {
    it.each(['GET', 'POST'] as const)('rejects the exact same pop-core %s request sent twice with SignatureNonceUsed', async (method) => {
      const captured = await popCapture(method, { RegionId: 'cn-hangzhou' });
      expect((await send(captured)).status).toBe(200);
      expectError(await send(captured), 400, 'SignatureNonceUsed');
    });

    it('rejects the exact same ECS SDK request sent twice with SignatureNonceUsed', async () => {
      const captured = await ecsCapture(new $Ecs.DescribeInstancesRequest({ regionId: 'cn-hangzhou' }));
      expect((await send(captured)).status).toBe(200);
      expectError(await send(captured), 400, 'SignatureNonceUsed');
    });

    it('does not let a forged request burn the nonce of a genuine one', async () => {
      const genuine = await popCapture('GET', { RegionId: 'cn-hangzhou' });
      const forged = genuine.url.replace(/Signature=[^&]+/, 'Signature=AAAAAAAAAAAAAAAAAAAAAAAAAAA%3D');
      expectError(await send({ ...genuine, url: forged }), 400, 'SignatureDoesNotMatch');
      expect((await send(genuine)).status).toBe(200);
    });
  });

  describe('tampering', () => {
    it('rejects a pop-core GET whose query parameter was changed', async () => {
      const captured = await popCapture('GET', { RegionId: 'cn-hangzhou' });
      expect(captured.url).toContain('RegionId=cn-hangzhou');
      expectError(await send({ ...captured, url: captured.url.replace('RegionId=cn-hangzhou', 'RegionId=cn-beijing') }), 400, 'SignatureDoesNotMatch');
    });

    it('rejects a pop-core POST whose body parameter was changed', async () => {
      const captured = await popCapture('POST', { RegionId: 'cn-hangzhou' });
      const body = captured.body.toString('utf8').replace('RegionId=cn-hangzhou', 'RegionId=cn-beijing');
      expectError(await send({ ...captured, body }), 400, 'SignatureDoesNotMatch');
    });

    it('rejects a pop-core POST with an extra unsigned parameter in the query', async () => {
      const captured = await popCapture('POST', { RegionId: 'cn-hangzhou' });
      expectError(await send({ ...captured, url: '/?OwnerId=1' }), 400, 'SignatureDoesNotMatch');
    });

    it('rejects an ECS SDK request whose query parameter was changed', async () => {
      const captured = await ecsCapture(new $Ecs.DescribeInstancesRequest({ regionId: 'cn-hangzhou', pageSize: 10 }));
      expect(captured.url).toContain('PageSize=10');
      expectError(await send({ ...captured, url: captured.url.replace('PageSize=10', 'PageSize=100') }), 400, 'SignatureDoesNotMatch');
    });

    it('rejects an ECS SDK request whose signed x-acs-action header was changed', async () => {
      const captured = await ecsCapture(new $Ecs.DescribeInstancesRequest({ regionId: 'cn-hangzhou' }));
      expectError(await send({ ...captured, headers: { ...captured.headers, 'x-acs-action': 'DeleteInstances' } }), 400, 'SignatureDoesNotMatch');
    });

    it('rejects an ACS3 body that does not match its signed hash, and a rehash that does not match the signature', async () => {
      const body = encodeRpcParams({ RegionId: 'cn-hangzhou' });
      const headers = signAcs3Request({ method: 'POST', host: gateway.host, action: 'DescribeRegions', version: VERSION, body: { contentType: FORM, payload: body }, accessKeyId: TENANT.accessKeyId, accessKeySecret: TENANT.accessKeySecret });
      const tampered = body.replace('hangzhou', 'beijing');
      expectError(await send({ method: 'POST', url: '/', headers, body: tampered }), 400, 'SignatureDoesNotMatch');
      const rehashed = { ...headers, 'x-acs-content-sha256': hashAcs3Payload(tampered) };
      expectError(await send({ method: 'POST', url: '/', headers: rehashed, body: tampered }), 400, 'SignatureDoesNotMatch');
      expect((await send({ method: 'POST', url: '/', headers, body })).status).toBe(200);
    });
  });

  describe('signature shape', () => {
    it('answers IncompleteSignature when neither a Signature nor an ACS3 Authorization is present', async () => {
      expectError(await send({ method: 'GET', url: `/?Action=DescribeRegions&Version=${VERSION}` }), 400, 'IncompleteSignature');
    });

    it('answers IncompleteSignature for an ACS3 Authorization header missing its parts', async () => {
      expectError(await send({ method: 'GET', url: '/', headers: { authorization: `ACS3-HMAC-SHA256 Credential=${TENANT.accessKeyId}` } }), 400, 'IncompleteSignature');
    });

    it('answers IncompleteSignature when an ACS3 request leaves the host unsigned', async () => {
      const headers = signAcs3Request({ method: 'GET', host: gateway.host, action: 'DescribeRegions', version: VERSION, accessKeyId: TENANT.accessKeyId, accessKeySecret: TENANT.accessKeySecret });
      const authorization = headers['authorization'].replace('host;', '');
      expectError(await send({ method: 'GET', url: '/', headers: { ...headers, authorization } }), 400, 'IncompleteSignature');
    });

    it('answers UnsupportedSignatureMethod for another v1 method or ACS3 algorithm', async () => {
      expectError(await send({ method: 'GET', url: v1Query({ SignatureMethod: 'HMAC-SHA256' }) }), 400, 'UnsupportedSignatureMethod');
      const headers = signAcs3Request({ method: 'GET', host: gateway.host, action: 'DescribeRegions', version: VERSION, accessKeyId: TENANT.accessKeyId, accessKeySecret: TENANT.accessKeySecret });
      expectError(await send({ method: 'GET', url: '/', headers: { ...headers, authorization: headers['authorization'].replace('ACS3-HMAC-SHA256', 'ACS3-HMAC-SM3') } }), 400, 'UnsupportedSignatureMethod');
    });

    it('answers InvalidTimeStamp.Format for a timestamp that is not UTC ISO-8601', async () => {
      expectError(await send({ method: 'GET', url: v1Query({ Timestamp: '2024-01-01 00:00:00' }) }), 400, 'InvalidTimeStamp.Format');
    });

    it('answers InvalidTimeStamp.Expired for a timestamp too far in the future', async () => {
      const future = new Date(Date.now() + 16 * 60 * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      expectError(await send({ method: 'GET', url: v1Query({ Timestamp: future }) }), 400, 'InvalidTimeStamp.Expired');
    });

    it('answers MissingParameter without a SignatureNonce', async () => {
      const signed = signRpcRequest({ method: 'GET', params: { Action: 'DescribeRegions', Version: VERSION }, accessKeyId: TENANT.accessKeyId, accessKeySecret: TENANT.accessKeySecret, nonce: '' });
      expectError(await send({ method: 'GET', url: '/?' + encodeRpcParams(signed) }), 400, 'MissingParameter');
    });
  });

  describe('malformed input never yields 5xx', () => {
    it.each([
      ['bad percent-encoding in the query', { method: 'GET', url: '/?Action=%ZZ&Version=1' }],
      ['a truncated UTF-8 sequence in the query', { method: 'GET', url: '/?Action=%E4%B8' }],
      ['a parameter given twice', { method: 'GET', url: v1Query({ RegionId: 'a' }) + '&RegionId=b' }],
      ['a JSON body', { method: 'POST', url: '/', headers: { 'content-type': 'application/json' }, body: '{"Action":"DescribeRegions"}' }],
      ['bad JSON', { method: 'POST', url: '/', headers: { 'content-type': 'application/json' }, body: '{"Action":' }],
      ['a body without a content type', { method: 'POST', url: '/', body: 'Action=DescribeRegions' }],
      ['a text body', { method: 'POST', url: '/', headers: { 'content-type': 'text/plain' }, body: 'hello' }],
      ['a malformed content type', { method: 'POST', url: '/', headers: { 'content-type': '/;;;' }, body: 'x' }],
      ['a form body that is not UTF-8', { method: 'POST', url: '/', headers: { 'content-type': FORM }, body: Buffer.from([0x41, 0x3d, 0xff, 0xfe]) }],
      ['a form body with bad percent-encoding', { method: 'POST', url: '/', headers: { 'content-type': FORM }, body: 'Action=%G1' }],
    ] as const)('answers 400 InvalidParameter for %s', async (_case, message) => {
      expectError(await send(message), 400, 'InvalidParameter');
    });

    it('answers 413 RequestEntityTooLarge for a chunked body over the limit', async () => {
      const body = Array.from({ length: 80 }, () => Buffer.alloc(1024, 'A'));
      expectError(await send({ method: 'POST', url: '/', headers: { 'content-type': FORM }, body }), 413, 'RequestEntityTooLarge');
    });

    it('answers 404 InvalidAction.NotFound for another path', async () => {
      expectError(await send({ method: 'GET', url: '/v1/instances' }), 404, 'InvalidAction.NotFound');
    });
  });

  describe('envelope', () => {
    it('answers an unexpected failure with a bare 500 InternalError', async () => {
      answer = async () => {
        throw new Error('connect ECONNREFUSED 10.0.0.7:3306 (user root, password hunter2)');
      };
      const response = await send({ method: 'GET', url: v1Query({}) });
      expectError(response, 500, 'InternalError');
      expect(response.text).not.toMatch(/ECONNREFUSED|hunter2|10\.0\.0\.7/);
    });

    it("answers an EcsError from downstream with its code, status and message", async () => {
      answer = async () => {
        throw new EcsError('IncorrectInstanceStatus', 'The instance is Stopping.');
      };
      const response = await send({ method: 'GET', url: v1Query({}) });
      expectError(response, 403, 'IncorrectInstanceStatus');
      expect(response.json['Message']).toBe('The instance is Stopping.');
    });

    it('uses its own RequestId and the verified identity, whatever the client claims in headers', async () => {
      const response = await send({
        method: 'GET',
        url: v1Query({}),
        headers: { 'request-id': 'client-chosen', 'x-request-id': 'client-chosen', 'x-ecs-account-id': '9999', 'x-ecs-caller': 'admin', 'x-forwarded-for': '203.0.113.9' },
      });
      expect(response.status).toBe(200);
      const call = gateway.dispatcher.lastCall;
      expect(response.json).toEqual({ RequestId: call.requestId, Ok: true });
      expect(call.requestId).not.toBe('client-chosen');
      expect(call.caller).toEqual({ accountId: TENANT.accountId, accessKeyId: TENANT.accessKeyId });
      expect(call.sourceIp).toBe('127.0.0.1');
    });

    it('gives every response its own RequestId', async () => {
      const first = await send({ method: 'GET', url: '/nowhere' });
      const second = await send({ method: 'GET', url: '/nowhere' });
      expect(first.json['RequestId']).not.toBe(second.json['RequestId']);
    });
  });

  describe('GET /healthz', () => {
    afterEach(() => {
      gateway.readiness.ready = true;
    });

    it('answers 200 ok when ready', async () => {
      expect(await send({ method: 'GET', url: '/healthz' })).toMatchObject({ status: 200, json: { status: 'ok' } });
    });

    it('answers 503 when not ready', async () => {
      gateway.readiness.ready = false;
      expect((await send({ method: 'GET', url: '/healthz' })).status).toBe(503);
    });
  });
});
