export type LeaseState = 'fresh' | 'doubtful' | 'lapsed';

/**
 * How sure this process may be that its session is still alive, from the last request the server
 * answered. The server expires a session `timeout` after it last heard from the client, and it
 * heard that request no earlier than it was sent; so until `timeout` after the send time of the
 * last answered request, the session cannot have expired. The lease is "fresh" for the first two
 * thirds of that (a margin for clock rate and scheduling), "doubtful" after (stop acting: leaders
 * depose themselves, as the Java client's read timeout would) and "lapsed" past the whole timeout
 * (the session must be presumed expired, as Curator does, and a new one started).
 */
export class SessionLease {
  private confirmedAt: number;
  private lastSentAt: number;

  constructor(
    readonly timeoutMs: number,
    now: number,
  ) {
    this.confirmedAt = now;
    this.lastSentAt = now;
  }

  /** A heartbeat every third of the timeout keeps the lease fresh with two chances to spare. */
  heartbeatDue(now: number): boolean {
    return now - this.lastSentAt >= this.timeoutMs / 3;
  }

  sent(now: number): void {
    this.lastSentAt = now;
  }

  /** The server answered a request sent at `sentAt`. */
  confirm(sentAt: number): void {
    this.confirmedAt = Math.max(this.confirmedAt, sentAt);
  }

  state(now: number): LeaseState {
    const age = now - this.confirmedAt;
    if (age <= (this.timeoutMs * 2) / 3) return 'fresh';
    if (age <= this.timeoutMs) return 'doubtful';
    return 'lapsed';
  }
}
