import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { METASERVER_ROUTES, SERVICE_GROUPS, type MetaServerEndpoint } from '@ecs/contracts';
import { InProcessCoordinator } from '@ecs/coordination';
import { configureLogging, createLogger } from '@ecs/observability';
import { HttpMetadataSockets } from './http-metadata-sockets';
import { MetadataSocketSync } from './metadata-socket-sync';

const TOKEN = 'm'.repeat(40);

/** A stand-in metaserver that records what it was asked, in order; `slow` holds attaches back. */
class FakeMetaServer {
  readonly asked: string[] = [];
  slowAttachMs = 0;
  failing = false;
  private readonly server: Server;

  constructor(readonly socketDir: string) {
    this.server = createServer((request, response) => void this.answer(request, response.writeHead.bind(response), (body) => response.end(body)));
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async answer(request: IncomingMessage, head: (status: number, headers?: Record<string, string>) => unknown, end: (body?: string) => void): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { instanceId?: string; instanceIds?: string[] };
    if (request.headers.authorization !== `Bearer ${TOKEN}`) {
      head(401, { 'content-type': 'application/json' });
      return end(JSON.stringify({ error: { kind: 'unauthorized' } }));
    }
    if (this.failing) {
      head(500, { 'content-type': 'application/json' });
      return end(JSON.stringify({ error: { kind: 'internal' } }));
    }
    if (request.url === METASERVER_ROUTES.attach) {
      await new Promise((resolve) => setTimeout(resolve, this.slowAttachMs));
      this.asked.push(`attach ${body.instanceId}`);
      head(200, { 'content-type': 'application/json' });
      return end(JSON.stringify({ socketPath: `${this.socketDir}/${body.instanceId}.sock` }));
    }
    this.asked.push(request.url === METASERVER_ROUTES.detach ? `detach ${body.instanceId}` : `reconcile ${(body.instanceIds ?? []).join(',')}`);
    head(204);
    end();
  }
}

describe('the host agent and its host’s metaserver', () => {
  let coordinator: InProcessCoordinator;
  let ours: FakeMetaServer;
  let neighbours: FakeMetaServer;
  let sockets: HttpMetadataSockets;

  beforeAll(async () => {
    configureLogging({ level: 'silent' });
    coordinator = new InProcessCoordinator();
    ours = new FakeMetaServer('/run/ours');
    neighbours = new FakeMetaServer('/run/neighbours');
    await coordinator.register<MetaServerEndpoint>(SERVICE_GROUPS.metaserver, 'h-neighbour', { url: await neighbours.listen(), pid: 2, hostId: 'h-neighbour' });
    await coordinator.register<MetaServerEndpoint>(SERVICE_GROUPS.metaserver, 'h-ours', { url: await ours.listen(), pid: 1, hostId: 'h-ours' });
    sockets = await HttpMetadataSockets.start(coordinator, TOKEN, 'h-ours');
  });
  afterAll(async () => {
    sockets.close();
    await ours.close();
    await neighbours.close();
    await coordinator.close();
  });
  beforeEach(() => {
    ours.asked.length = 0;
    ours.slowAttachMs = 0;
    ours.failing = false;
  });

  it("asks only its own host's metaserver, and takes the socket path it chooses", async () => {
    expect(() => sockets.socketPath('i-one')).toThrow(/no metadata socket/);
    await sockets.attach('i-one');
    expect(sockets.socketPath('i-one')).toBe('/run/ours/i-one.sock');
    await sockets.detach('i-one');
    expect(() => sockets.socketPath('i-one')).toThrow(/no metadata socket/);
    expect(ours.asked).toEqual(['attach i-one', 'detach i-one']);
    expect(neighbours.asked).toEqual([]);
  });

  it('lists the domains for a reconcile only once an attach ahead of it is done, so it never detaches a guest that just got its socket', async () => {
    ours.slowAttachMs = 150;
    const defined = new Set<string>();
    const attach = sockets.attach('i-new').then(() => defined.add('i-new'));
    const reconcile = sockets.reconcile(async () => [...defined]);
    await Promise.all([attach, reconcile]);
    expect(ours.asked).toEqual(['attach i-new', 'reconcile i-new']);
  });

  it('keeps trying on a schedule while the metaserver cannot serve, and logs instead of failing', async () => {
    ours.failing = true;
    const sync = new MetadataSocketSync({ listDomains: async () => [] }, sockets, 50, createLogger('spec'));
    await expect(sync.start()).resolves.toBeUndefined();
    expect(ours.asked).toEqual([]);
    ours.failing = false;
    await new Promise((resolve) => setTimeout(resolve, 300));
    await sync.stop();
    expect(ours.asked).toContain('reconcile ');
  });
});
