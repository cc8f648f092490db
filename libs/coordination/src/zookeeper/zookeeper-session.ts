import type { Logger } from '@ecs/observability';
import { SessionLease } from './session-lease';
import { ZkClient, type ConnectionEvent, type ZkClientOptions } from './zk-client';

/** What the recipes (elections, registrations, watches, locks) hear about the session. */
export interface SessionObserver {
  /** The session may be gone (disconnected, or the server has not answered for a while): stop acting. */
  suspended(): void;
  /** The same session is back: its ephemeral nodes and watches are intact. */
  resumed(): void;
  /** The old session ended, taking its ephemeral nodes with it; `current` is a new session. */
  renewed(): void;
}

type Phase = 'live' | 'suspended' | 'renewing' | 'closed';

interface Waiter {
  readonly ready: () => boolean;
  readonly resolve: () => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The coordinator's one session, kept alive across everything ZooKeeper can do to it. A
 * disconnect or a server that stops answering suspends it at once; the same session coming back
 * resumes it; expiry (reported by the server, or presumed once the lease lapses) renews it: a new
 * session, after which each recipe re-creates its nodes. See docs/decisions/0021.
 */
export class ZooKeeperSession {
  private phase: Phase = 'live';
  private lease: SessionLease;
  private gen = 1;
  private heartbeatInFlight = false;
  /** While a test forces expiry, a reconnect of the doomed session must not look like a recovery. */
  private expiring = false;
  private readonly observers = new Set<SessionObserver>();
  private waiters: Waiter[] = [];
  private readonly renewal = new AbortController();
  private readonly ticker: NodeJS.Timeout;

  private constructor(
    private readonly options: ZkClientOptions,
    private client: ZkClient,
    private readonly log: Logger,
  ) {
    this.lease = new SessionLease(client.sessionTimeoutMs, Date.now());
    const tickMs = Math.max(10, Math.floor(Math.min(options.sessionTimeoutMs, client.sessionTimeoutMs) / 10));
    this.ticker = setInterval(() => this.tick(), tickMs);
    this.ticker.unref();
  }

  /** @throws ZooKeeperUnavailableError when no session can be had within the connect timeout. */
  static async open(options: ZkClientOptions, log: Logger): Promise<ZooKeeperSession> {
    // Events can only arrive once connect has resolved, by which time the session exists.
    const opened: { session?: ZooKeeperSession } = {};
    const client = await ZkClient.connect(options, (from, event) => opened.session?.onConnectionEvent(from, event));
    const session = (opened.session = new ZooKeeperSession(options, client, log));
    log.info('ZooKeeper session started', { sessionId: client.sessionId, sessionTimeoutMs: client.sessionTimeoutMs });
    return session;
  }

  get current(): ZkClient {
    return this.client;
  }

  /** Counts sessions: an ephemeral node created in one generation is gone in the next. */
  get generation(): number {
    return this.gen;
  }

  get isClosed(): boolean {
    return this.phase === 'closed';
  }

  /** The negotiated timeout of the current session. */
  get timeoutMs(): number {
    return this.client.sessionTimeoutMs;
  }

  /**
   * Connected and heard from recently enough that the session cannot have expired: the test a
   * leader must pass before acting. Checked against the clock, so a process resumed after a long
   * pause fails it before any timer or socket event has run.
   */
  isHealthy(): boolean {
    return this.phase === 'live' && this.client.isConnected && this.lease.state(Date.now()) === 'fresh';
  }

  observe(observer: SessionObserver): () => void {
    this.observers.add(observer);
    return () => void this.observers.delete(observer);
  }

  /** Resolves when the session is usable again (resumed or renewed), or closed. */
  settled(): Promise<void> {
    return this.until(() => this.phase === 'live' || this.phase === 'closed');
  }

  /**
   * Test hook: expires the session the way a ZooKeeper server does, with the classic trick — a
   * second client attaches to the same session and closes it. The server then drops the session's
   * ephemeral nodes and tells the owner "expired" when it reconnects. The owner reconnects at once
   * and sometimes wins the race for the session, so the trick is repeated until it takes.
   * Resolves when the replacement session is up.
   */
  async expire(): Promise<void> {
    const doomed = this.gen;
    const credentials = this.client.credentials;
    this.expiring = true;
    try {
      for (let attempt = 0; attempt < 20 && this.gen === doomed && this.phase !== 'renewing' && this.phase !== 'closed'; attempt++) {
        try {
          const killer = await ZkClient.connect({ ...this.options, session: credentials }, () => undefined);
          await killer.close(this.timeoutMs);
        } catch {
          // The session is already gone: the owner will hear "expired" when it reconnects.
        }
        await Promise.race([this.until(() => this.gen !== doomed || this.phase === 'renewing' || this.phase === 'closed'), sleep(200)]);
      }
    } finally {
      this.expiring = false;
    }
    await this.settled();
    if (this.gen === doomed) throw new Error(`session ${credentials.id.toString('hex')} could not be expired`);
  }

  /** Ends the session: the server drops its ephemeral nodes. Observers hear nothing more. */
  async close(): Promise<void> {
    if (this.phase === 'closed') return;
    this.phase = 'closed';
    clearInterval(this.ticker);
    this.renewal.abort();
    this.observers.clear();
    this.wake();
    await this.client.close(this.timeoutMs);
  }

  private onConnectionEvent(from: ZkClient, event: ConnectionEvent): void {
    if (from !== this.client || this.phase === 'closed' || this.phase === 'renewing') return;
    switch (event) {
      case 'connected':
        this.lease = new SessionLease(from.sessionTimeoutMs, Date.now());
        if (this.phase === 'suspended' && !this.expiring) this.resume();
        return;
      case 'disconnected':
        this.suspend('disconnected from ZooKeeper');
        return;
      case 'expired':
        void this.renew('the server expired the session');
        return;
      case 'rejected':
        void this.renew('the server refused the session credentials');
        return;
    }
  }

  private tick(): void {
    if (this.phase === 'closed' || this.phase === 'renewing') return;
    const now = Date.now();
    const lease = this.lease.state(now);
    switch (lease) {
      case 'lapsed':
        void this.renew('no answer from ZooKeeper for a whole session timeout: presumed expired');
        return;
      case 'doubtful':
        this.suspend('no answer from ZooKeeper for two thirds of the session timeout');
        break;
      case 'fresh':
        if (this.phase === 'suspended' && this.client.isConnected && !this.expiring) this.resume();
        break;
    }
    if (this.client.isConnected && !this.heartbeatInFlight && this.lease.heartbeatDue(now)) this.heartbeat(now);
  }

  /** The library pings too, but never says whether the pings were answered; this request does. */
  private heartbeat(sentAt: number): void {
    const client = this.client;
    const lease = this.lease;
    lease.sent(sentAt);
    this.heartbeatInFlight = true;
    void client
      .exists('/')
      .then(
        () => lease.confirm(sentAt),
        () => undefined,
      )
      .finally(() => {
        if (client === this.client) this.heartbeatInFlight = false;
      });
  }

  private suspend(reason: string): void {
    if (this.phase !== 'live') return;
    this.phase = 'suspended';
    this.log.warn('ZooKeeper session suspended', { reason, sessionId: this.client.sessionId });
    for (const observer of [...this.observers]) observer.suspended();
  }

  private resume(): void {
    this.phase = 'live';
    this.log.info('ZooKeeper session resumed', { sessionId: this.client.sessionId });
    this.wake();
    for (const observer of [...this.observers]) observer.resumed();
  }

  private async renew(reason: string): Promise<void> {
    const wasLive = this.phase === 'live';
    this.phase = 'renewing';
    const old = this.client;
    this.log.warn('ZooKeeper session lost; starting a new one', { reason, sessionId: old.sessionId });
    if (wasLive) for (const observer of [...this.observers]) observer.suspended();
    this.wake();
    // If the server still holds the old session, closing it frees its ephemeral nodes sooner.
    void old.close(0);
    let backoffMs = Math.min(100, this.options.sessionTimeoutMs);
    while (this.phase === 'renewing') {
      try {
        const next = await ZkClient.connect(this.options, (from, event) => this.onConnectionEvent(from, event), this.renewal.signal);
        if (this.phase !== 'renewing') {
          await next.close(0);
          return;
        }
        this.client = next;
        this.gen++;
        this.lease = new SessionLease(next.sessionTimeoutMs, Date.now());
        this.heartbeatInFlight = false;
        this.phase = 'live';
        this.log.info('ZooKeeper session renewed', { sessionId: next.sessionId, generation: this.gen });
        this.wake();
        for (const observer of [...this.observers]) observer.renewed();
      } catch (error) {
        if (this.phase !== 'renewing') return;
        this.log.warn('cannot start a ZooKeeper session yet', { error });
        await sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, this.options.sessionTimeoutMs);
      }
    }
  }

  private until(ready: () => boolean): Promise<void> {
    if (ready()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ ready, resolve }));
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const waiter of waiting) {
      if (waiter.ready()) waiter.resolve();
      else this.waiters.push(waiter);
    }
  }
}
