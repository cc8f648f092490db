import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from './column-types';

export type TaskKind = 'start' | 'stop' | 'reboot' | 'delete';
export type TaskStatus = 'pending' | 'succeeded' | 'failed' | 'expired';

/** A durable asynchronous operation with a deadline: nothing stays transitional forever. */
@Entity('tasks')
export class TaskEntity {
  @PrimaryColumn({ name: 'task_id', type: 'varchar', length: 40 }) taskId!: string;
  @Column({ name: 'instance_id', type: 'varchar', length: 32 }) instanceId!: string;
  @Column({ type: 'varchar', length: 16 }) kind!: TaskKind;
  @Column({ type: 'varchar', length: 32 }) operation!: string;
  @Column({ type: 'varchar', length: 16 }) status!: TaskStatus;
  /** The instance's power generation this task waits for the host to reach. */
  @Column({ name: 'power_generation', type: 'int' }) powerGeneration!: number;
  @Column({ name: 'deadline_at', type: 'bigint', transformer: epochMs }) deadlineAt!: number;
  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs }) createdAt!: number;
  @Column({ name: 'finished_at', type: 'bigint', nullable: true, transformer: epochMs }) finishedAt!: number | null;
}

/** ClientToken records: the unique key turns a concurrent replay into one winner. */
@Entity('idempotency_records')
export class IdempotencyRecordEntity {
  @PrimaryColumn({ name: 'account_id', type: 'varchar', length: 32 }) accountId!: string;
  @PrimaryColumn({ name: 'client_token', type: 'varchar', length: 64 }) clientToken!: string;
  @Column({ type: 'varchar', length: 32 }) action!: string;
  @Column({ name: 'request_hash', type: 'varchar', length: 64 }) requestHash!: string;
  @Column({ type: 'text', nullable: true }) response!: string | null;
  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs }) createdAt!: number;
}

/** Events written in the same transaction as the change they describe; a relay publishes them. */
@Entity('outbox')
export class OutboxEntity {
  @PrimaryColumn({ name: 'event_id', type: 'varchar', length: 40 }) eventId!: string;
  @Column({ type: 'varchar', length: 64 }) topic!: string;
  @Column({ name: 'event_key', type: 'varchar', length: 64 }) key!: string;
  @Column({ type: 'text' }) payload!: string;
  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs }) createdAt!: number;
  @Column({ name: 'published_at', type: 'bigint', nullable: true, transformer: epochMs }) publishedAt!: number | null;
}

/** Event ids a consumer has applied: a redelivery is recognised and skipped. */
@Entity('inbox')
export class InboxEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 }) consumer!: string;
  @PrimaryColumn({ name: 'event_id', type: 'varchar', length: 40 }) eventId!: string;
  @Column({ name: 'processed_at', type: 'bigint', transformer: epochMs }) processedAt!: number;
}
