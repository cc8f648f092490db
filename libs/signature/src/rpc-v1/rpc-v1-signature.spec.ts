import { OpenApiUtil } from '@alicloud/openapi-core';
import fc from 'fast-check';
import { canonicalizeRpcParams, computeRpcSignature, verifyRpcSignature } from './rpc-v1-signature';
import { encodeRpcParams, signRpcRequest } from './sign-rpc-request';

const paramKey = fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }).filter((key) => key !== 'Signature');
const paramValue = fc.oneof(fc.string({ unit: 'binary', maxLength: 24 }), fc.constantFrom('', ' ', '+', '&=', "!'()*~", '%41', '中文'));
const paramMap = fc.dictionary(paramKey, paramValue, { maxKeys: 8 });
const secret = fc.string({ unit: 'binary', minLength: 1, maxLength: 30 });
const method = fc.constantFrom('GET' as const, 'POST' as const);

function signed(params: Record<string, string>, httpMethod: 'GET' | 'POST', accessKeySecret: string): Record<string, string> {
  return signRpcRequest({ method: httpMethod, params, accessKeyId: 'LTAI-test', accessKeySecret });
}

describe('RPC HMAC-SHA1 v1 signature', () => {
  it("reproduces the public documentation's DescribeRegions example", () => {
    const params = {
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      Format: 'XML',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      SignatureVersion: '1.0',
      Timestamp: '2016-02-23T12:46:24Z',
      Version: '2014-05-26',
    };
    expect(computeRpcSignature('GET', params, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  it('computes what the official SDK computes for any parameter map', () => {
    // The SDK copies parameters by assignment, which cannot carry a key named __proto__.
    const sdkSafeMap = fc.dictionary(paramKey.filter((key) => key !== '__proto__'), paramValue, { maxKeys: 8, noNullPrototype: true });
    fc.assert(
      fc.property(sdkSafeMap, method, secret, (params, httpMethod, accessKeySecret) => {
        expect(computeRpcSignature(httpMethod, params, accessKeySecret)).toBe(OpenApiUtil.getRPCSignature(params, httpMethod, accessKeySecret));
      }),
    );
  });

  it('verifies what it signs, for unicode, reserved characters and empty values', () => {
    fc.assert(
      fc.property(paramMap, method, secret, (params, httpMethod, accessKeySecret) => {
        expect(verifyRpcSignature({ method: httpMethod, params: signed(params, httpMethod, accessKeySecret), accessKeySecret })).toBe(true);
      }),
    );
  });

  it('does not depend on the order parameters were added in', () => {
    fc.assert(
      fc.property(paramMap, (params) => {
        const reversed = Object.fromEntries(Object.entries(params).reverse());
        expect(canonicalizeRpcParams(reversed)).toBe(canonicalizeRpcParams(params));
      }),
    );
  });

  it('leaves the Signature parameter out of the canonical form', () => {
    expect(canonicalizeRpcParams({ A: '1', Signature: 'x' })).toBe('A=1');
  });

  it('fails when any one signed parameter changes', () => {
    fc.assert(
      fc.property(paramMap, method, secret, fc.nat(), paramValue, (params, httpMethod, accessKeySecret, pick, replacement) => {
        const request = signed(params, httpMethod, accessKeySecret);
        const keys = Object.keys(request).filter((key) => key !== 'Signature');
        const key = keys[pick % keys.length];
        fc.pre(request[key] !== replacement);
        const tampered = { ...request, [key]: replacement };
        expect(verifyRpcSignature({ method: httpMethod, params: tampered, accessKeySecret })).toBe(false);
      }),
    );
  });

  it('fails when a parameter is added or removed', () => {
    fc.assert(
      fc.property(paramMap, method, secret, paramKey, paramValue, (params, httpMethod, accessKeySecret, extraKey, extraValue) => {
        const request = signed(params, httpMethod, accessKeySecret);
        fc.pre(!Object.hasOwn(request, extraKey));
        expect(verifyRpcSignature({ method: httpMethod, params: { ...request, [extraKey]: extraValue }, accessKeySecret })).toBe(false);
        const { SignatureNonce: _dropped, ...withoutNonce } = request;
        expect(verifyRpcSignature({ method: httpMethod, params: withoutNonce, accessKeySecret })).toBe(false);
      }),
    );
  });

  it('fails with another secret or another HTTP method', () => {
    fc.assert(
      fc.property(paramMap, secret, secret, (params, accessKeySecret, otherSecret) => {
        fc.pre(accessKeySecret !== otherSecret);
        const request = signed(params, 'GET', accessKeySecret);
        expect(verifyRpcSignature({ method: 'GET', params: request, accessKeySecret: otherSecret })).toBe(false);
        expect(verifyRpcSignature({ method: 'POST', params: request, accessKeySecret })).toBe(false);
      }),
    );
  });

  it('fails without a Signature parameter', () => {
    const { Signature: _signature, ...unsigned } = signed({ Action: 'DescribeRegions' }, 'GET', 's');
    expect(verifyRpcSignature({ method: 'GET', params: unsigned, accessKeySecret: 's' })).toBe(false);
  });

  it('adds the common parameters pop-core adds, letting the caller override them', () => {
    const request = signRpcRequest({
      method: 'GET',
      params: { Action: 'DescribeRegions', Version: '2014-05-26', Format: 'XML' },
      accessKeyId: 'LTAI-test',
      accessKeySecret: 's',
      nonce: 'n-1',
      timestamp: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
    });
    expect(request).toEqual({
      Action: 'DescribeRegions',
      Version: '2014-05-26',
      Format: 'XML',
      Timestamp: '2024-01-02T03:04:05Z',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      SignatureNonce: 'n-1',
      AccessKeyId: 'LTAI-test',
      Signature: computeRpcSignature('GET', request, 's'),
    });
  });

  it('keeps a parameter named __proto__ as a parameter', () => {
    const request = signed(JSON.parse('{"__proto__":"x"}') as Record<string, string>, 'GET', 's');
    expect(Object.keys(request)).toContain('__proto__');
    expect(encodeRpcParams(request)).toContain('__proto__=x');
  });

  it('encodes a parameter set as a query string or form body that decodes back to it', () => {
    fc.assert(
      fc.property(paramMap, (params) => {
        const decoded = new URLSearchParams(encodeRpcParams(params));
        expect(Object.fromEntries(decoded)).toEqual(params);
      }),
    );
  });
});
