import { Agent, request } from 'node:http';
import { encodeRpcParams, signRpcRequest } from '@ecs/signature';

export interface Credentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/** One signed RPC v1 call (form POST), as a tenant SDK sends it; resolves with status and body. */
export function callRpc(endpoint: string, credentials: Credentials, action: string, params: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const signed = signRpcRequest({ method: 'POST', params: { Action: action, Version: '2014-05-26', ...params }, ...credentials });
  const payload = encodeRpcParams(signed);
  return new Promise((resolve, reject) => {
    const req = request(`${endpoint}/`, { method: 'POST', agent, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(payload) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

export async function callOk(endpoint: string, credentials: Credentials, action: string, params: Record<string, string>): Promise<Record<string, unknown>> {
  const { status, body } = await callRpc(endpoint, credentials, action, params);
  if (status !== 200) throw new Error(`${action} failed: ${JSON.stringify(body)}`);
  return body;
}
