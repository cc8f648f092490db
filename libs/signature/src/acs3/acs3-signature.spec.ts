import { OpenApiUtil } from '@alicloud/openapi-core';
import fc from 'fast-check';
import { parseAcs3Authorization, type Acs3Authorization } from './acs3-authorization';
import { ACS3_HMAC_SHA256, buildAcs3CanonicalRequest, canonicalizeAcs3Query, computeAcs3Signature, hashAcs3Payload } from './acs3-canonical-request';
import { signAcs3Request, type Acs3SigningInput } from './sign-acs3-request';
import { verifyAcs3Request, type Acs3Verification } from './verify-acs3-request';

type SdkRequest = Parameters<typeof OpenApiUtil.getAuthorization>[0];

const ecsStyleKey = fc.stringMatching(/^[A-Za-z][A-Za-z0-9.]{0,11}$/);
const anyKey = fc.string({ unit: 'binary', minLength: 1, maxLength: 12 });
const value = fc.oneof(fc.string({ unit: 'binary', maxLength: 24 }), fc.constantFrom('', ' ', '+', '&=', "!'()*~", '%41', '中文'));
const query = fc.dictionary(anyKey, value, { maxKeys: 6 });
const secret = fc.string({ unit: 'binary', minLength: 1, maxLength: 30 });
const formBody = fc.option(fc.string({ unit: 'binary', maxLength: 64 }), { nil: undefined });

function signedRequest(input: { query: Record<string, string>; body: string | undefined; secret: string }): Omit<Acs3Verification, 'accessKeySecret'> {
  const signing: Acs3SigningInput = {
    method: 'POST',
    host: 'ecs.test.internal:8080',
    action: 'DescribeInstances',
    version: '2014-05-26',
    query: input.query,
    ...(input.body === undefined ? {} : { body: { contentType: 'application/x-www-form-urlencoded', payload: input.body } }),
    accessKeyId: 'LTAI-test',
    accessKeySecret: input.secret,
  };
  const headers = signAcs3Request(signing);
  return {
    method: 'POST',
    canonicalUri: '/',
    query: input.query,
    headers,
    body: Buffer.from(input.body ?? '', 'utf8'),
    authorization: parseAcs3Authorization(headers['authorization'])!,
  };
}

function verify(request: Omit<Acs3Verification, 'accessKeySecret'>, accessKeySecret: string) {
  return verifyAcs3Request({ ...request, accessKeySecret });
}

describe('ACS3-HMAC-SHA256', () => {
  it('produces the Authorization header the official SDK produces', () => {
    fc.assert(
      fc.property(fc.dictionary(ecsStyleKey, value, { maxKeys: 6, noNullPrototype: true }), formBody, secret, (q, body, accessKeySecret) => {
        const headers = signAcs3Request({
          method: 'POST',
          host: '127.0.0.1:9000',
          action: 'RunInstances',
          version: '2014-05-26',
          query: q,
          ...(body === undefined ? {} : { body: { contentType: 'application/x-www-form-urlencoded', payload: body } }),
          accessKeyId: 'LTAI-test',
          accessKeySecret,
        });
        const { authorization, ...sent } = headers;
        const sdkRequest = { method: 'POST', pathname: '/', query: q, headers: sent } as unknown as SdkRequest;
        const sdk = OpenApiUtil.getAuthorization(sdkRequest, ACS3_HMAC_SHA256, hashAcs3Payload(body ?? ''), 'LTAI-test', accessKeySecret);
        expect(authorization).toBe(sdk);
      }),
    );
  });

  it('verifies what it signs, for any query, body and secret', () => {
    fc.assert(
      fc.property(query, formBody, secret, (q, body, accessKeySecret) => {
        expect(verify(signedRequest({ query: q, body, secret: accessKeySecret }), accessKeySecret)).toEqual({ valid: true });
      }),
    );
  });

  it('canonicalizes the query independently of parameter order', () => {
    fc.assert(
      fc.property(query, (q) => {
        expect(canonicalizeAcs3Query(Object.fromEntries(Object.entries(q).reverse()))).toBe(canonicalizeAcs3Query(q));
      }),
    );
  });

  it('does not let a key absorb the next parameter', () => {
    expect(canonicalizeAcs3Query({ 'a=1&b': '2' })).not.toBe(canonicalizeAcs3Query({ a: '1', b: '2' }));
  });

  it('fails when a query value changes, or a query parameter is added or removed', () => {
    fc.assert(
      fc.property(query, secret, anyKey, value, fc.nat(), (q, accessKeySecret, extraKey, replacement, pick) => {
        const request = signedRequest({ query: q, body: undefined, secret: accessKeySecret });
        const keys = Object.keys(q);
        if (keys.length > 0) {
          const key = keys[pick % keys.length];
          if (q[key] !== replacement) {
            expect(verify({ ...request, query: { ...q, [key]: replacement } }, accessKeySecret)).toMatchObject({ valid: false, reason: 'signature-mismatch' });
          }
          const { [key]: _removed, ...fewer } = q;
          expect(verify({ ...request, query: fewer }, accessKeySecret)).toMatchObject({ valid: false, reason: 'signature-mismatch' });
        }
        if (!Object.hasOwn(q, extraKey)) {
          expect(verify({ ...request, query: { ...q, [extraKey]: replacement } }, accessKeySecret)).toMatchObject({ valid: false, reason: 'signature-mismatch' });
        }
      }),
    );
  });

  it('fails when any signed header changes', () => {
    fc.assert(
      fc.property(query, secret, fc.nat(), fc.string({ minLength: 1, maxLength: 8 }), (q, accessKeySecret, pick, suffix) => {
        const request = signedRequest({ query: q, body: 'A=1', secret: accessKeySecret });
        const names = request.authorization.signedHeaders.filter((name) => name !== 'x-acs-content-sha256');
        const name = names[pick % names.length];
        const headers = { ...request.headers, [name]: `${String(request.headers[name])}${suffix}x` };
        expect(verify({ ...request, headers }, accessKeySecret)).toMatchObject({ valid: false, reason: 'signature-mismatch' });
      }),
    );
  });

  it('fails when one body byte changes, even if the hash header is recomputed', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 64 }), secret, fc.nat(), fc.integer({ min: 1, max: 255 }), (body, accessKeySecret, pick, flip) => {
        const request = signedRequest({ query: {}, body, secret: accessKeySecret });
        const tampered = Buffer.from(request.body);
        tampered[pick % tampered.length] ^= flip;
        expect(verify({ ...request, body: tampered }, accessKeySecret)).toMatchObject({ valid: false, reason: 'payload-hash-mismatch' });
        const rehashed = { ...request.headers, 'x-acs-content-sha256': hashAcs3Payload(tampered) };
        expect(verify({ ...request, body: tampered, headers: rehashed }, accessKeySecret)).toMatchObject({ valid: false, reason: 'signature-mismatch' });
      }),
    );
  });

  it('fails with another secret', () => {
    fc.assert(
      fc.property(query, secret, secret, (q, accessKeySecret, other) => {
        fc.pre(accessKeySecret !== other);
        expect(verify(signedRequest({ query: q, body: undefined, secret: accessKeySecret }), other)).toMatchObject({ valid: false, reason: 'signature-mismatch' });
      }),
    );
  });

  it('fails with another method or path', () => {
    const request = signedRequest({ query: { RegionId: 'cn-hangzhou' }, body: undefined, secret: 's' });
    expect(verify({ ...request, method: 'GET' }, 's')).toMatchObject({ valid: false, reason: 'signature-mismatch' });
    expect(verify({ ...request, canonicalUri: '/other' }, 's')).toMatchObject({ valid: false, reason: 'signature-mismatch' });
  });

  it.each(['host', 'x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256'])(
    'rejects a correctly signed request that leaves %s unsigned',
    (left) => {
      const request = signedRequest({ query: {}, body: undefined, secret: 's' });
      const signedHeaders = request.authorization.signedHeaders.filter((name) => name !== left);
      const canonical = buildAcs3CanonicalRequest({
        method: 'POST',
        canonicalUri: '/',
        query: {},
        signedHeaders: signedHeaders.map((name) => ({ name, value: String(request.headers[name]) })),
        hashedPayload: hashAcs3Payload(''),
      });
      const authorization: Acs3Authorization = { ...request.authorization, signedHeaders, signature: computeAcs3Signature(canonical, 's') };
      expect(verify({ ...request, authorization }, 's')).toEqual({ valid: false, reason: 'unsigned-header', header: left });
    },
  );

  it('rejects SignedHeaders naming a header the request lacks', () => {
    const request = signedRequest({ query: {}, body: undefined, secret: 's' });
    const authorization = { ...request.authorization, signedHeaders: [...request.authorization.signedHeaders, 'x-acs-extra', 'constructor'] };
    expect(verify({ ...request, authorization }, 's')).toEqual({ valid: false, reason: 'missing-header', header: 'x-acs-extra' });
  });

  it('rejects other algorithms', () => {
    const request = signedRequest({ query: {}, body: undefined, secret: 's' });
    expect(verify({ ...request, authorization: { ...request.authorization, algorithm: 'ACS3-HMAC-SM3' } }, 's')).toEqual({
      valid: false,
      reason: 'unsupported-algorithm',
      algorithm: 'ACS3-HMAC-SM3',
    });
  });
});

describe('parseAcs3Authorization', () => {
  it('reads the three parts, tolerating spaces after commas', () => {
    expect(parseAcs3Authorization('ACS3-HMAC-SHA256 Credential=AK1, SignedHeaders=host;x-acs-date, Signature=ab12')).toEqual({
      algorithm: 'ACS3-HMAC-SHA256',
      accessKeyId: 'AK1',
      signedHeaders: ['host', 'x-acs-date'],
      signature: 'ab12',
    });
  });

  it.each([
    'ACS3-HMAC-SHA256',
    'ACS3-HMAC-SHA256 ',
    'ACS3-HMAC-SHA256 Credential=AK1,SignedHeaders=host',
    'ACS3-HMAC-SHA256 Credential=,SignedHeaders=host,Signature=ab',
    'ACS3-HMAC-SHA256 Credential=AK1,SignedHeaders=host,Signature',
    ' Credential=AK1,SignedHeaders=host,Signature=ab',
  ])('rejects %p', (header) => {
    expect(parseAcs3Authorization(header)).toBeUndefined();
  });
});
