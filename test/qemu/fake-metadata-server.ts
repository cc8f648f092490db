import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';

/** What the fake metaserver knows about one instance. */
export interface FakeInstanceMetadata {
  readonly instanceId: string;
  readonly hostname: string;
  readonly privateIp: string;
  readonly userData?: string;
}

const TOKEN_TTL_HEADER = 'x-aliyun-ecs-metadata-token-ttl-seconds';
const TOKEN_HEADER = 'x-aliyun-ecs-metadata-token';

/**
 * A stand-in for the metaserver app in token mode: one HTTP server per instance on its own unix
 * socket, so the instance is known from the socket a request arrives on, never from the request.
 */
export class FakeMetadataServer {
  private readonly servers: Server[] = [];
  readonly requests: string[] = [];

  constructor(private readonly socketDir: string) {}

  socketPath(instanceId: string): string {
    return join(this.socketDir, `${instanceId}.sock`);
  }

  async serve(instance: FakeInstanceMetadata): Promise<void> {
    const tokens = new Set<string>();
    const server = createServer((request, response) => this.answer(instance, tokens, request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.socketPath(instance.instanceId), resolve);
    });
    this.servers.push(server);
  }

  async close(): Promise<void> {
    await Promise.all(this.servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  }

  private answer(instance: FakeInstanceMetadata, tokens: Set<string>, request: IncomingMessage, response: ServerResponse): void {
    this.requests.push(`${instance.instanceId} ${request.method} ${request.url}`);
    if (request.method === 'PUT' && request.url === '/latest/api/token') {
      if (!request.headers[TOKEN_TTL_HEADER]) return reply(response, 400, 'missing token ttl');
      const token = randomBytes(16).toString('hex');
      tokens.add(token);
      return reply(response, 200, token);
    }
    const token = request.headers[TOKEN_HEADER];
    if (typeof token !== 'string' || !tokens.has(token)) return reply(response, 401, 'token required');
    if (request.method !== 'GET') return reply(response, 405, 'method not allowed');
    const values: Record<string, string | undefined> = {
      '/latest/meta-data/instance-id': instance.instanceId,
      '/latest/meta-data/hostname': instance.hostname,
      '/latest/meta-data/private-ipv4': instance.privateIp,
      '/latest/user-data': instance.userData,
    };
    const value = values[request.url ?? ''];
    if (value === undefined) return reply(response, 404, 'not found');
    reply(response, 200, value);
  }
}

function reply(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}
