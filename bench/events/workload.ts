import type { VmStateEvent } from '@ecs/contracts';

/**
 * VM-state reports as host agents send them: round-robin over the fleet's instances, each
 * instance's `seq` rising by one per report, every report with its own event id.
 */
export class VmStateWorkload {
  private readonly seqs: number[];
  private next = 0;

  constructor(
    readonly instanceIds: readonly string[],
    private readonly hostOf: (index: number) => string,
    private readonly runId: string,
  ) {
    this.seqs = instanceIds.map(() => 0);
  }

  take(count: number): VmStateEvent[] {
    const events: VmStateEvent[] = [];
    for (let n = 0; n < count; n++) {
      const index = this.next++ % this.instanceIds.length;
      const seq = ++this.seqs[index];
      const instanceId = this.instanceIds[index];
      events.push({ eventId: `${this.runId}-${instanceId}-${seq}`, hostId: this.hostOf(index), instanceId, seq, state: 'running', generation: 1, observedAt: new Date().toISOString() });
    }
    return events;
  }

  /** The highest seq sent to each instance so far. */
  lastSeq(index: number): number {
    return this.seqs[index];
  }
}
