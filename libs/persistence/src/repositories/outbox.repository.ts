import { randomUUID } from 'node:crypto';
import { In, IsNull } from 'typeorm';
import type { Database } from '../database';
import { isDuplicateKey } from '../database';
import { InboxEntity, OutboxEntity } from '../entities';
import type { Tx } from '../transaction';

export interface OutboxMessage {
  readonly eventId: string;
  readonly topic: string;
  readonly key: string;
  readonly payload: string;
}

/** Events written in the transaction of the change they describe; the relay publishes them later. */
export class OutboxRepository {
  constructor(private readonly db: Database) {}

  async add(tx: Tx, topic: string, key: string, payload: object & { eventId?: string }): Promise<string> {
    const eventId = payload.eventId ?? randomUUID();
    await tx.insert(OutboxEntity, { eventId, topic, key, payload: JSON.stringify({ ...payload, eventId }), createdAt: Date.now(), publishedAt: null });
    return eventId;
  }

  async unpublished(limit: number): Promise<OutboxMessage[]> {
    const rows = await this.db.read((m) => m.find(OutboxEntity, { where: { publishedAt: IsNull() }, order: { createdAt: 'ASC' }, take: limit }));
    return rows.map((r) => ({ eventId: r.eventId, topic: r.topic, key: r.key, payload: r.payload }));
  }

  async markPublished(eventIds: readonly string[]): Promise<void> {
    if (!eventIds.length) return;
    await this.db.transaction((m) => m.update(OutboxEntity, { eventId: In([...eventIds]) }, { publishedAt: Date.now() }));
  }
}

/** What each consumer has already applied, so a redelivered event changes nothing. */
export class InboxRepository {
  /** Records the event for the consumer inside `tx`; false when it was already applied. */
  async firstDelivery(tx: Tx, consumer: string, eventId: string): Promise<boolean> {
    if (await tx.findOneBy(InboxEntity, { consumer, eventId })) return false;
    try {
      await tx.insert(InboxEntity, { consumer, eventId, processedAt: Date.now() });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }
}
