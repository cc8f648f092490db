import { createClient, CreateMode, Exception, State, type Client, type Stat, type Watcher } from 'node-zookeeper-client';
import { ZooKeeperUnavailableError } from './zk-errors';

/** What the library reports about its connection, in the adapter's words. */
export type ConnectionEvent = 'connected' | 'disconnected' | 'expired' | 'rejected';

export interface ZkClientOptions {
  readonly connectionString: string;
  readonly sessionTimeoutMs: number;
  readonly connectTimeoutMs: number;
  /** Set to attach to an existing session instead of starting one. */
  readonly session?: { readonly id: Buffer; readonly password: Buffer };
}

export type NodeMode = 'ephemeral' | 'ephemeral-sequential';

const MODES: Record<NodeMode, number> = {
  ephemeral: CreateMode.EPHEMERAL,
  'ephemeral-sequential': CreateMode.EPHEMERAL_SEQUENTIAL,
};

/**
 * One ZooKeeper session over node-zookeeper-client, with promises instead of callbacks. The
 * library reconnects by itself while the session lives; once expired, a client is finished and
 * the owner must open a new one.
 */
export class ZkClient {
  /** Rejecters of the requests in flight, failed when the client is closed (see `call`). */
  private readonly inFlight = new Set<(error: Error) => void>();

  private constructor(private readonly client: Client) {}

  /**
   * Connects and waits for the session.
   * @throws ZooKeeperUnavailableError when no server grants a session within connectTimeoutMs.
   */
  static async connect(
    options: ZkClientOptions,
    onEvent: (client: ZkClient, event: ConnectionEvent) => void,
    signal?: AbortSignal,
  ): Promise<ZkClient> {
    const raw = createClient(options.connectionString, {
      sessionTimeout: options.sessionTimeoutMs,
      // The library waits up to this long (at random) before re-trying the same servers; a short
      // spin lets a blip heal well inside the session timeout.
      spinDelay: Math.min(1000, Math.max(20, Math.floor(options.sessionTimeoutMs / 10))),
      retries: 0,
      sessionId: options.session?.id,
      sessionPassword: options.session?.password,
    });
    const client = new ZkClient(raw);
    await new Promise<void>((resolve, reject) => {
      const giveUp = () => {
        clearTimeout(timer);
        raw.removeListener('state', first);
        signal?.removeEventListener('abort', giveUp);
        raw.close();
        reject(new ZooKeeperUnavailableError(options.connectionString, options.connectTimeoutMs));
      };
      const timer = setTimeout(giveUp, options.connectTimeoutMs);
      const first = (state: State) => {
        if (state === State.SYNC_CONNECTED) {
          clearTimeout(timer);
          raw.removeListener('state', first);
          signal?.removeEventListener('abort', giveUp);
          resolve();
        } else if (state === State.EXPIRED || state === State.AUTH_FAILED) giveUp();
      };
      if (signal?.aborted) return giveUp();
      signal?.addEventListener('abort', giveUp);
      raw.on('state', first);
      raw.connect();
    });
    raw.on('state', (state: State) => {
      const event = ZkClient.eventOf(state);
      if (event !== undefined) onEvent(client, event);
    });
    return client;
  }

  private static eventOf(state: State): ConnectionEvent | undefined {
    if (state === State.SYNC_CONNECTED) return 'connected';
    // The library has no read-only mode; were it to report one, writes (and so leadership) are off.
    if (state === State.DISCONNECTED || state === State.CONNECTED_READ_ONLY) return 'disconnected';
    if (state === State.EXPIRED) return 'expired';
    if (state === State.AUTH_FAILED) return 'rejected';
    return undefined;
  }

  get sessionId(): string {
    return this.client.getSessionId().toString('hex');
  }

  get credentials(): { readonly id: Buffer; readonly password: Buffer } {
    return { id: this.client.getSessionId(), password: this.client.getSessionPassword() };
  }

  /** The timeout the server granted, which may differ from the one asked for. */
  get sessionTimeoutMs(): number {
    return this.client.getSessionTimeout();
  }

  get isConnected(): boolean {
    return this.client.getState() === State.SYNC_CONNECTED;
  }

  /** Whether this session owns the node (an ephemeral node created by this session). */
  owns(stat: Stat): boolean {
    return stat.ephemeralOwner.toString('hex') === this.sessionId;
  }

  create(path: string, data: Buffer | undefined, mode: NodeMode): Promise<string> {
    return this.call((done) => this.client.create(path, data, MODES[mode], done));
  }

  remove(path: string, version = -1): Promise<void> {
    return this.call<void>((done) => this.client.remove(path, version, (error) => done(error, undefined)));
  }

  exists(path: string, watcher?: Watcher): Promise<Stat | null> {
    return this.call((done) => this.client.exists(path, watcher, done));
  }

  getData(path: string, watcher?: Watcher): Promise<Buffer | undefined> {
    return this.call((done) => this.client.getData(path, watcher, (error, data) => done(error, data)));
  }

  setData(path: string, data: Buffer): Promise<void> {
    return this.call<void>((done) => this.client.setData(path, data, -1, (error) => done(error, undefined)));
  }

  getChildren(path: string, watcher?: Watcher): Promise<string[]> {
    return this.call((done) => this.client.getChildren(path, watcher, (error, children) => done(error, children)));
  }

  mkdirp(path: string): Promise<void> {
    return this.call<void>((done) => this.client.mkdirp(path, (error) => done(error, undefined)));
  }

  /**
   * Ends the session (the server drops its ephemeral nodes) and waits, at most `waitMs`, for the
   * server to confirm by closing the connection. A client that is not connected just stops.
   */
  async close(waitMs: number): Promise<void> {
    if (this.isConnected) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, waitMs);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.client.once('disconnected', done);
        this.client.close();
      });
    } else this.client.close();
    const expired = Exception.create(Exception.SESSION_EXPIRED);
    for (const reject of [...this.inFlight]) reject(expired);
  }

  /**
   * The library keeps a request made while disconnected queued until it reconnects, and forgets
   * it if the session expires instead: without this, such a request would never settle.
   */
  private call<T>(start: (done: (error: Error | null, value: T) => void) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const fail = (error: Error) => {
        this.inFlight.delete(fail);
        reject(error);
      };
      this.inFlight.add(fail);
      start((error, value) => {
        this.inFlight.delete(fail);
        if (error) reject(error);
        else resolve(value);
      });
    });
  }
}
