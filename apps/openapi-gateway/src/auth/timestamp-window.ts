import { EcsError } from '@ecs/domain';
import { parseSignatureTimestamp } from '@ecs/signature';

/** Rejects requests signed too long ago (or too far ahead): a captured request stops working. */
export class TimestampWindow {
  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  assertFresh(timestamp: string): void {
    const at = parseSignatureTimestamp(timestamp);
    if (at === undefined) throw new EcsError('InvalidTimeStamp.Format', 'The timestamp must be UTC in the form yyyy-MM-ddTHH:mm:ssZ.');
    if (Math.abs(this.now() - at) > this.windowMs) {
      throw new EcsError('InvalidTimeStamp.Expired', `The timestamp must be within ${Math.round(this.windowMs / 1000)} seconds of the server time.`);
    }
  }
}
