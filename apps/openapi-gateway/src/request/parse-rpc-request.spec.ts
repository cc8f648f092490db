import { parseRpcRequest } from './parse-rpc-request';
import type { RawRpcRequest } from './raw-rpc-request';

function raw(overrides: Partial<RawRpcRequest>): RawRpcRequest {
  return { method: 'GET', url: '/', headers: {}, body: undefined, sourceIp: '127.0.0.1', ...overrides };
}

describe('parseRpcRequest', () => {
  it('splits the path from the query and merges a form body into the parameters', () => {
    const parsed = parseRpcRequest(
      raw({ method: 'POST', url: '/?Action=DescribeRegions', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' }, body: Buffer.from('RegionId=cn-hangzhou') }),
    );
    expect(parsed.path).toBe('/');
    expect({ ...parsed.query }).toEqual({ Action: 'DescribeRegions' });
    expect({ ...parsed.params }).toEqual({ Action: 'DescribeRegions', RegionId: 'cn-hangzhou' });
    expect(parsed.body.toString()).toBe('RegionId=cn-hangzhou');
  });

  it('treats an empty body as no body, whatever its content type', () => {
    const parsed = parseRpcRequest(raw({ method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.alloc(0) }));
    expect({ ...parsed.params }).toEqual({});
  });

  it('rejects a non-form body', () => {
    expect(() => parseRpcRequest(raw({ method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.from('{}') }))).toThrow(
      expect.objectContaining({ code: 'InvalidParameter' }),
    );
    expect(() => parseRpcRequest(raw({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencodedX' }, body: Buffer.from('a=1') }))).toThrow(
      expect.objectContaining({ code: 'InvalidParameter' }),
    );
  });

  it('picks ACS3 only for an ACS3 Authorization header', () => {
    expect(parseRpcRequest(raw({})).signature).toEqual({ kind: 'rpc-v1' });
    expect(parseRpcRequest(raw({ headers: { authorization: 'Basic dXNlcjpwYXNz' } })).signature).toEqual({ kind: 'rpc-v1' });
    expect(parseRpcRequest(raw({ headers: { authorization: 'ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host,Signature=ab' } })).signature).toEqual({
      kind: 'acs3',
      authorization: { algorithm: 'ACS3-HMAC-SHA256', accessKeyId: 'AK', signedHeaders: ['host'], signature: 'ab' },
    });
  });

  it('answers IncompleteSignature for a broken ACS3 Authorization header', () => {
    expect(() => parseRpcRequest(raw({ headers: { authorization: 'ACS3-HMAC-SHA256 Credential=AK' } }))).toThrow(expect.objectContaining({ code: 'IncompleteSignature' }));
  });
});
