import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QmpClient, QmpClosedError, QmpCommandError, QmpTimeoutError, type QmpEvent } from './qmp-client';

const GREETING = { QMP: { version: { qemu: { major: 7, minor: 2, micro: 0 } }, capabilities: ['oob'] } };

type Handler = (command: { execute: string; arguments?: unknown; id?: unknown }, peer: Socket) => void;

/** A QMP server on a unix socket: greets, requires qmp_capabilities first, then defers to `handler`. */
class FakeQmpServer {
  readonly received: string[] = [];
  readonly peers: Socket[] = [];
  private server: Server | undefined;

  constructor(
    readonly path: string,
    private readonly handler: Handler,
    private readonly greet = true,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((peer) => {
      this.peers.push(peer);
      if (this.greet) send(peer, GREETING);
      let buffered = '';
      let negotiated = false;
      peer.on('data', (chunk) => {
        buffered += chunk.toString('utf8');
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          const command = JSON.parse(line) as { execute: string; id?: unknown };
          this.received.push(command.execute);
          if (!negotiated) {
            negotiated = command.execute === 'qmp_capabilities';
            if (negotiated) send(peer, { return: {}, id: command.id });
            else send(peer, { error: { class: 'CommandNotFound', desc: 'Expecting capabilities negotiation' }, id: command.id });
          } else {
            this.handler(command, peer);
          }
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.path, resolve));
  }

  async stop(): Promise<void> {
    for (const peer of this.peers) peer.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

function send(peer: Socket, message: unknown): void {
  // QEMU ends frames with CRLF.
  peer.write(JSON.stringify(message) + '\r\n');
}

describe('QmpClient', () => {
  let dir: string;
  let server: FakeQmpServer | undefined;
  let client: QmpClient | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'qmp-spec-'));
  });

  afterEach(async () => {
    client?.close();
    await server?.stop();
    client = undefined;
    server = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  async function serve(handler: Handler, greet = true): Promise<FakeQmpServer> {
    server = new FakeQmpServer(join(dir, 'qmp.sock'), handler, greet);
    await server.start();
    return server;
  }

  it('negotiates capabilities before anything else, then runs commands by id', async () => {
    const fake = await serve((command, peer) => {
      if (command.execute === 'query-status') send(peer, { return: { status: 'running', running: true }, id: command.id });
    });
    client = await QmpClient.open(fake.path, 1_000);
    expect(await client.execute('query-status')).toEqual({ status: 'running', running: true });
    expect(fake.received).toEqual(['qmp_capabilities', 'query-status']);
  });

  it('matches replies to commands by id, whatever order they come in', async () => {
    const held: Array<{ id: unknown; name: string }> = [];
    const fake = await serve((command, peer) => {
      held.push({ id: command.id, name: command.execute });
      if (held.length === 2) for (const { id, name } of held.reverse()) send(peer, { return: name, id });
    });
    client = await QmpClient.open(fake.path, 1_000);
    const [first, second] = await Promise.all([client.execute('first'), client.execute('second')]);
    expect([first, second]).toEqual(['first', 'second']);
  });

  it('passes arguments and turns error replies into QmpCommandError', async () => {
    let seenArguments: unknown;
    const fake = await serve((command, peer) => {
      seenArguments = command.arguments;
      send(peer, { error: { class: 'DeviceNotFound', desc: 'Device nope not found' }, id: command.id });
    });
    client = await QmpClient.open(fake.path, 1_000);
    const failure = client.execute('device_del', { id: 'nope' });
    await expect(failure).rejects.toBeInstanceOf(QmpCommandError);
    await expect(failure).rejects.toThrow('QMP device_del failed: DeviceNotFound: Device nope not found');
    expect(seenArguments).toEqual({ id: 'nope' });
  });

  it('delivers events, including ones split across reads', async () => {
    const fake = await serve((command, peer) => {
      const frame = JSON.stringify({ event: 'SHUTDOWN', data: { guest: true, reason: 'guest-shutdown' }, timestamp: { seconds: 1, microseconds: 0 } }) + '\r\n';
      peer.write(frame.slice(0, 10));
      setTimeout(() => {
        peer.write(frame.slice(10) + JSON.stringify({ event: 'STOP', timestamp: { seconds: 1, microseconds: 1 } }) + '\r\n');
        send(peer, { return: {}, id: command.id });
      }, 20);
    });
    client = await QmpClient.open(fake.path, 1_000);
    const events: QmpEvent[] = [];
    client.onEvent((event) => events.push(event));
    await client.execute('system_powerdown');
    expect(events).toEqual([
      { event: 'SHUTDOWN', data: { guest: true, reason: 'guest-shutdown' } },
      { event: 'STOP', data: {} },
    ]);
  });

  it('rejects pending commands with QmpClosedError and tells close listeners when QEMU goes away', async () => {
    const fake = await serve((_command, peer) => peer.destroy());
    client = await QmpClient.open(fake.path, 1_000);
    const closed = new Promise<void>((resolve) => client!.onClose(resolve));
    await expect(client.execute('quit')).rejects.toBeInstanceOf(QmpClosedError);
    await closed;
    expect(client.isOpen).toBe(false);
    await expect(client.execute('query-status')).rejects.toBeInstanceOf(QmpClosedError);
  });

  it('times out a command QEMU never answers', async () => {
    const fake = await serve(() => undefined);
    client = await QmpClient.open(fake.path, 100);
    await expect(client.execute('query-status')).rejects.toBeInstanceOf(QmpTimeoutError);
  });

  it('fails to open when no greeting comes within the timeout', async () => {
    const fake = await serve(() => undefined, false);
    await expect(QmpClient.open(fake.path, 100)).rejects.toBeInstanceOf(QmpTimeoutError);
  });

  it('fails to open when nothing listens on the socket', async () => {
    await expect(QmpClient.open(join(dir, 'absent.sock'), 1_000)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('ends the session on a frame that is not JSON', async () => {
    const fake = await serve((_command, peer) => peer.write('this is not json\r\n'));
    client = await QmpClient.open(fake.path, 1_000);
    await expect(client.execute('query-status')).rejects.toBeInstanceOf(QmpClosedError);
    expect(client.isOpen).toBe(false);
  });
});
