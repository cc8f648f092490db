/**
 * Sequence numbers for VM-state events: wall-clock microseconds, bumped by one when two events
 * share a tick. A restarted agent starts from the clock again, so its numbers stay above those of
 * its previous life without any stored counter.
 */
export class SeqClock {
  private last = 0;

  constructor(private readonly nowMicros: () => number = () => Date.now() * 1000) {}

  next(): number {
    this.last = Math.max(this.last + 1, Math.floor(this.nowMicros()));
    return this.last;
  }
}
