import type { TopicMap, TopicName } from '@ecs/contracts';
import type { EventBus } from '@ecs/events';
import { createLogger } from '@ecs/observability';
import type { OutboxRepository } from '@ecs/persistence';

const log = createLogger('control.outbox');
const BATCH = 200;

/**
 * Publishes what transactions wrote to the outbox, then marks it published. A crash between the
 * two publishes again after restart: consumers dedupe by event id.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly events: EventBus,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.drain().catch((error: unknown) => log.error('outbox relay failed', { error })), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async drain(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      let total = 0;
      for (;;) {
        const batch = await this.outbox.unpublished(BATCH);
        if (!batch.length) return total;
        for (const message of batch) {
          const topic = message.topic as TopicName;
          await this.events.publish(topic, message.key, JSON.parse(message.payload) as TopicMap[typeof topic]);
        }
        await this.outbox.markPublished(batch.map((m) => m.eventId));
        total += batch.length;
      }
    } finally {
      this.running = false;
    }
  }
}
