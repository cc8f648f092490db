/**
 * Runs an async step one at a time; requests made while it runs collapse into one more run. ZooKeeper
 * watches say only "something changed", so a recipe re-reads the whole state, and a burst of
 * changes costs at most two reads.
 */
export class CoalescingRunner {
  private running: Promise<void> | undefined;
  private again = false;

  /** `step` must not reject: it handles its own errors. */
  constructor(private readonly step: () => Promise<void>) {}

  request(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop();
  }

  /** Requests a run and waits until no run is pending. */
  async run(): Promise<void> {
    this.request();
    await this.idle();
  }

  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.again = false;
        await this.step();
      } while (this.again);
    } finally {
      this.running = undefined;
    }
  }
}
