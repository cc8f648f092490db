/**
 * Remembers each session id an agent has opened until its credential would have expired anyway,
 * so a captured credential cannot open a second session; memory stays bounded by the credential TTL.
 */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();

  /** True the first time a session id is presented before its expiry. */
  firstUse(sessionId: string, expiresAt: number, now: number): boolean {
    for (const [id, until] of this.seen) if (until <= now) this.seen.delete(id);
    if (this.seen.has(sessionId)) return false;
    this.seen.set(sessionId, expiresAt);
    return true;
  }
}
