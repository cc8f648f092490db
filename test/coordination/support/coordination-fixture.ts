import { randomBytes } from 'node:crypto';
import { ZooKeeperCoordinator, type LeadershipListener } from '@ecs/coordination';
import { configureLogging } from '@ecs/observability';
import { zookeeperTestConnection } from '@ecs/testing';
import { TcpProxy } from './tcp-proxy';
import { ZkAdmin } from './zk-admin';

/** Asked of the server; it may grant more (its minimum is two ticks), so tests read the granted one. */
export const SESSION_TIMEOUT_MS = 1500;

/**
 * A random root per test file, the coordinators and proxies a test opens, and the cleanup: every
 * coordinator closed, every proxy stopped, the root deleted.
 */
export class CoordinationFixture {
  readonly root = `/ecs-test-${randomBytes(6).toString('hex')}`;
  private readonly coordinators: ZooKeeperCoordinator[] = [];
  private readonly proxies: TcpProxy[] = [];

  private constructor(
    readonly connection: string,
    readonly admin: ZkAdmin,
  ) {}

  static async start(): Promise<CoordinationFixture> {
    configureLogging({ level: 'silent' });
    const connection = await zookeeperTestConnection();
    return new CoordinationFixture(connection, await ZkAdmin.connect(connection));
  }

  /** A coordinator of its own session, as a separate process would have; through `via` to fail its network alone. */
  async coordinator(via?: TcpProxy): Promise<ZooKeeperCoordinator> {
    const coordinator = await ZooKeeperCoordinator.connect({
      connectionString: via?.connectionString ?? this.connection,
      root: this.root,
      sessionTimeoutMs: SESSION_TIMEOUT_MS,
    });
    this.coordinators.push(coordinator);
    return coordinator;
  }

  async proxy(): Promise<TcpProxy> {
    const proxy = await TcpProxy.start(this.connection);
    this.proxies.push(proxy);
    return proxy;
  }

  async dispose(): Promise<void> {
    for (const proxy of this.proxies) proxy.heal();
    await Promise.all(this.coordinators.map((coordinator) => coordinator.close()));
    await Promise.all(this.proxies.map((proxy) => proxy.stop()));
    await this.admin.removeTree(this.root);
    this.admin.close();
  }
}

export interface Recorder extends LeadershipListener {
  readonly events: string[];
  /** When each event was heard, by Date.now(), in the same order. */
  readonly times: number[];
}

export function recorder(): Recorder {
  const events: string[] = [];
  const times: number[] = [];
  const hear = (event: string) => {
    events.push(event);
    times.push(Date.now());
  };
  return { events, times, onElected: (epoch) => hear(`elected:${epoch}`), onDeposed: () => hear('deposed') };
}

/** The epoch in an `elected:<epoch>` event. */
export function epochOf(event: string | undefined): number {
  const match = /^elected:(\d+)$/.exec(event ?? '');
  if (!match) throw new Error(`not an election event: ${event}`);
  return Number(match[1]);
}

export async function waitFor(what: string, ready: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
