import { request } from 'node:http';

export interface GuestAnswer {
  readonly status: number;
  readonly body: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

/** What a guest's request looks like once the hypervisor has relayed it onto its instance's socket. */
export function guestRequest(socketPath: string, method: string, path: string, headers: Record<string, string> = {}): Promise<GuestAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ socketPath, method, path, headers: { host: '100.100.100.200', ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: response.headers }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

export const TTL = 'X-aliyun-ecs-metadata-token-ttl-seconds';
export const TOKEN = 'X-aliyun-ecs-metadata-token';

/** PUT /latest/api/token, then the token. */
export async function tokenFor(socketPath: string, ttlSeconds = 60): Promise<string> {
  const answer = await guestRequest(socketPath, 'PUT', '/latest/api/token', { [TTL]: String(ttlSeconds) });
  if (answer.status !== 200) throw new Error(`token request answered ${answer.status}`);
  return answer.body;
}
