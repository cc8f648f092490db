import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { chmod, mkdir, rm } from 'node:fs/promises';
import { metadataSocketPath, type InstanceMetadataSource } from '@ecs/contracts';
import type { Logger } from '@ecs/observability';
import { answerGuest, type GuestApiDeps } from './guest/guest-api';
import type { IdentityDocumentSigner } from './guest/metadata-tree';
import { SessionTokens } from './guest/session-tokens';

export interface MetaServerOptions {
  /** One socket per attached instance lives here; the directory is made private to this user. */
  readonly socketDir: string;
  readonly source: InstanceMetadataSource;
  readonly signer: IdentityDocumentSigner;
  readonly log: Logger;
  /** Tests pin the clock and key; by default a fresh key per process and the wall clock. */
  readonly tokens?: SessionTokens;
}

const INSTANCE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** sun_path holds 108 bytes on Linux, the terminating NUL included. */
const MAX_SOCKET_PATH_BYTES = 107;
/** A guest gets a few connections and little time: the metaserver must not be a resource sink. */
const LIMITS = { maxConnections: 32, headersTimeoutMs: 5_000, requestTimeoutMs: 10_000, keepAliveTimeoutMs: 5_000, maxHeaderSize: 8 * 1024 };

/**
 * The metaserver of one host: an HTTP listener per running instance on its own unix socket,
 * `<socketDir>/<instanceId>.sock`. The hypervisor forwards the guest's connections to
 * 100.100.100.200:80 to exactly that socket, so the socket a request arrives on is the guest's
 * identity — nothing the guest sends (addresses, headers) can claim another instance's data.
 */
export class MetaServer {
  private readonly servers = new Map<string, Server>();
  /** Attaches under way: a second attach of the same instance waits for the first instead of racing it for the socket file. */
  private readonly attaching = new Map<string, Promise<void>>();
  private readonly deps: GuestApiDeps;
  private prepared: Promise<void> | undefined;

  constructor(private readonly options: MetaServerOptions) {
    this.deps = { source: options.source, signer: options.signer, tokens: options.tokens ?? new SessionTokens() };
  }

  /** The socket the hypervisor must forward this instance's metadata connections to. */
  socketPath(instanceId: string): string {
    if (!INSTANCE_ID.test(instanceId)) throw new Error(`not a valid instance id: ${JSON.stringify(instanceId)}`);
    const path = metadataSocketPath(this.options.socketDir, instanceId);
    if (Buffer.byteLength(path) > MAX_SOCKET_PATH_BYTES) throw new Error(`the socket path for ${instanceId} is longer than ${MAX_SOCKET_PATH_BYTES} bytes; choose a shorter socket directory`);
    return path;
  }

  /** Starts answering the instance's guest; attaching an attached (or attaching) instance changes nothing. */
  async attach(instanceId: string): Promise<void> {
    const path = this.socketPath(instanceId);
    if (this.servers.has(instanceId)) return;
    const running = this.attaching.get(instanceId);
    if (running) return running;
    const attach = this.listen(instanceId, path).finally(() => this.attaching.delete(instanceId));
    this.attaching.set(instanceId, attach);
    return attach;
  }

  private async listen(instanceId: string, path: string): Promise<void> {
    await (this.prepared ??= mkdir(this.options.socketDir, { recursive: true, mode: 0o700 }).then(() => undefined));
    // A socket file left by a crashed process would make listen fail with EADDRINUSE.
    await rm(path, { force: true });
    const server = createServer({ maxHeaderSize: LIMITS.maxHeaderSize }, (request, response) => this.answer(instanceId, request, response));
    // Guests' clients (busybox nc behind the hypervisor's socat relay) half-close once the request is
    // sent; by default Node then drops the request still waiting for its answer (metadata read from
    // control) and closes. Half-open keeps the connection until the answer is out. The switch is
    // Node's own (lib/_http_server.js, since 0.x) but untyped; test/metaserver holds it to its word.
    (server as Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
    server.maxConnections = LIMITS.maxConnections;
    server.headersTimeout = LIMITS.headersTimeoutMs;
    server.requestTimeout = LIMITS.requestTimeoutMs;
    server.keepAliveTimeout = LIMITS.keepAliveTimeoutMs;
    this.servers.set(instanceId, server);
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(path, () => {
          server.off('error', reject);
          resolve();
        });
      });
      await chmod(path, 0o600);
    } catch (error) {
      this.servers.delete(instanceId);
      server.close();
      throw error;
    }
    this.options.log.info('metadata socket attached', { instanceId });
  }

  /** Stops answering the instance's guest and removes its socket. */
  async detach(instanceId: string): Promise<void> {
    await this.attaching.get(instanceId)?.catch(() => undefined);
    const server = this.servers.get(instanceId);
    if (server === undefined) return;
    this.servers.delete(instanceId);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(this.socketPath(instanceId), { force: true });
    this.options.log.info('metadata socket detached', { instanceId });
  }

  /** Level-triggered: attaches exactly the given instances (e.g. the host's running domains). */
  async reconcile(instanceIds: Iterable<string>): Promise<void> {
    const wanted = new Set(instanceIds);
    for (const instanceId of [...this.servers.keys()]) if (!wanted.has(instanceId)) await this.detach(instanceId);
    for (const instanceId of wanted) await this.attach(instanceId);
  }

  attached(): string[] {
    return [...this.servers.keys()].sort();
  }

  async close(): Promise<void> {
    for (const instanceId of [...this.servers.keys()]) await this.detach(instanceId);
  }

  private answer(instanceId: string, request: IncomingMessage, response: ServerResponse): void {
    answerGuest(instanceId, { method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers }, this.deps)
      .then(
        (answer) => {
          response.writeHead(answer.status, { ...answer.headers, 'content-length': answer.body.length });
          response.end(request.method === 'HEAD' ? undefined : answer.body);
          // The path and status only: never headers (tokens) or bodies (user-data).
          this.options.log.debug('metadata request', { instanceId, method: request.method, path: pathOnly(request.url), status: answer.status });
        },
        (error: unknown) => {
          this.options.log.error('metadata request failed', { instanceId, path: pathOnly(request.url), error });
          if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          response.end('Internal Server Error');
        },
      );
  }
}

function pathOnly(url: string | undefined): string {
  return (url ?? '/').split('?')[0].slice(0, 256);
}
