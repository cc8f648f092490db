import { TextDecoder } from 'node:util';
import { EcsError } from '@ecs/domain';
import { parseAcs3Authorization } from '@ecs/signature';
import { decodeFormInto, emptyParams } from './form-decoding';
import type { ParsedRpcRequest, RequestSignature } from './parsed-rpc-request';
import type { RawRpcRequest } from './raw-rpc-request';

const FORM_CONTENT_TYPE = /^application\/x-www-form-urlencoded\s*(?:;|$)/i;
const EMPTY_BODY = Buffer.alloc(0);
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes query and form body into one parameter set and tells which signature scheme the request uses. */
export function parseRpcRequest(raw: RawRpcRequest): ParsedRpcRequest {
  const questionMark = raw.url.indexOf('?');
  const path = questionMark < 0 ? raw.url : raw.url.slice(0, questionMark);
  const query = emptyParams();
  if (questionMark >= 0) decodeFormInto(raw.url.slice(questionMark + 1), query);

  const body = raw.body ?? EMPTY_BODY;
  let params = query;
  if (body.length > 0) {
    const contentType = raw.headers['content-type'] ?? '';
    if (!FORM_CONTENT_TYPE.test(contentType)) {
      throw EcsError.invalid('Content-Type', 'a request body must be application/x-www-form-urlencoded.');
    }
    params = Object.assign(emptyParams(), query);
    decodeFormInto(decodeUtf8(body), params);
  }
  return { method: raw.method, path, headers: raw.headers, query, params, body, signature: signatureOf(raw) };
}

function decodeUtf8(body: Buffer): string {
  try {
    return strictUtf8.decode(body);
  } catch {
    throw new EcsError('InvalidParameter', 'The request body is not valid UTF-8.');
  }
}

function signatureOf(raw: RawRpcRequest): RequestSignature {
  const header = raw.headers.authorization;
  // Anything but an ACS3 Authorization (a proxy's Basic credentials, say) leaves the RPC v1 parameters in charge.
  if (header === undefined || !header.startsWith('ACS3-')) return { kind: 'rpc-v1' };
  const authorization = parseAcs3Authorization(header);
  if (!authorization) throw new EcsError('IncompleteSignature', 'The Authorization header must carry Credential, SignedHeaders and Signature.');
  return { kind: 'acs3', authorization };
}
