/** Injected boot failures: "the next N boots on this host fail" and "this domain never boots". */
export class BootFaults {
  private remainingFailures = 0;
  private nextReason = '';
  private readonly failingDomains = new Map<string, string>();

  failNext(count: number, reason: string): void {
    this.remainingFailures = count;
    this.nextReason = reason;
  }

  failDomain(instanceId: string, reason: string): void {
    this.failingDomains.set(instanceId, reason);
  }

  clear(): void {
    this.remainingFailures = 0;
    this.failingDomains.clear();
  }

  /** Decides one boot's fate when it begins: the failure reason, or undefined if it will succeed. */
  takeOutcome(instanceId: string): string | undefined {
    const domainReason = this.failingDomains.get(instanceId);
    if (domainReason !== undefined) return domainReason;
    if (this.remainingFailures === 0) return undefined;
    this.remainingFailures -= 1;
    return this.nextReason;
  }
}
