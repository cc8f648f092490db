import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface RawResponse {
  readonly status: number;
  readonly text: string;
  readonly json: Record<string, unknown>;
}

/**
 * Lets an SDK sign and send a request to a recorder instead of the gateway, and returns exactly what
 * went over the wire, so a test can replay or tamper with it.
 */
export async function captureSignedRequest(send: (host: string) => Promise<unknown>): Promise<CapturedRequest> {
  let captured: CapturedRequest | undefined;
  const recorder = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      captured = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks) };
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"RequestId":"captured"}');
    });
  });
  await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
  try {
    await send(`127.0.0.1:${(recorder.address() as AddressInfo).port}`);
  } finally {
    await new Promise<void>((resolve) => recorder.close(() => resolve()));
  }
  if (!captured) throw new Error('the SDK sent nothing');
  return captured;
}

export interface RawMessage {
  readonly method: string;
  readonly url: string;
  readonly headers?: IncomingHttpHeaders;
  /** A list of chunks is sent with chunked transfer encoding, so no length is announced up front. */
  readonly body?: Buffer | string | readonly Buffer[];
}

/** Sends a request as given (headers included), fixing only the framing headers to the body sent. */
export async function sendRaw(port: number, message: RawMessage): Promise<RawResponse> {
  const chunks = message.body === undefined ? [] : Array.isArray(message.body) ? (message.body as readonly Buffer[]) : [Buffer.from(message.body as Buffer | string)];
  const headers: IncomingHttpHeaders = { ...message.headers };
  delete headers['content-length'];
  delete headers['transfer-encoding'];
  if (Array.isArray(message.body)) headers['transfer-encoding'] = 'chunked';
  else if (message.body !== undefined) headers['content-length'] = String(chunks[0].length);
  return new Promise<RawResponse>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: message.method, path: message.url, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, text, json: parseJson(text) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

function parseJson(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** No response may reveal where in the code it failed. */
export function expectNoStackTrace(body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  expect(text).not.toMatch(/\bat .+[(:]\d+|\.[jt]s:\d+|"stack"|node_modules/);
}
