import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

type Mode = 'forward' | 'blackhole';

/**
 * A loopback TCP proxy in front of one ZooKeeper server, so a test can fail the network of one
 * coordinator only: `cut()` resets its connections (the client sees a disconnect at once),
 * `blackhole()` keeps them open but silently drops every byte (a partition, or a peer paused with
 * SIGSTOP: nothing tells the client), `heal()` goes back to forwarding.
 */
export class TcpProxy {
  private mode: Mode = 'forward';
  private readonly pairs = new Set<{ client: Socket; upstream: Socket; blackholed: boolean }>();

  private constructor(
    private readonly server: Server,
    private readonly target: { host: string; port: number },
  ) {
    server.on('connection', (client) => this.accept(client));
  }

  static async start(targetConnection: string): Promise<TcpProxy> {
    const [host, port] = targetConnection.split(',')[0].split(':');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new TcpProxy(server, { host, port: Number(port) });
  }

  get connectionString(): string {
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Resets every open connection; new ones are still forwarded. */
  cut(): void {
    for (const pair of this.pairs) this.drop(pair);
  }

  /** From now on, nothing passes either way, and nobody is told. */
  blackhole(): void {
    this.mode = 'blackhole';
    for (const pair of this.pairs) pair.blackholed = true;
  }

  /** Forwards again. Connections that lost bytes in the blackhole are reset: their streams are corrupt. */
  heal(): void {
    this.mode = 'forward';
    for (const pair of this.pairs) if (pair.blackholed) this.drop(pair);
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    const upstream = connect(this.target);
    const pair = { client, upstream, blackholed: this.mode === 'blackhole' };
    this.pairs.add(pair);
    client.on('data', (chunk) => void (pair.blackholed || upstream.write(chunk)));
    upstream.on('data', (chunk) => void (pair.blackholed || client.write(chunk)));
    // While blackholed, even a closing peer goes unnoticed on the other side.
    const end = () => (pair.blackholed ? undefined : this.drop(pair));
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
  }

  private drop(pair: { client: Socket; upstream: Socket }): void {
    this.pairs.delete(pair as { client: Socket; upstream: Socket; blackholed: boolean });
    pair.client.resetAndDestroy();
    pair.upstream.destroy();
  }
}
