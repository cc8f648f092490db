import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { epochMs, jsonText } from './column-types';

/** One operator change: who, when, what, and the record before and after. Append-only. */
@Entity('audit_log')
export class AuditEntryEntity {
  @PrimaryGeneratedColumn({ name: 'audit_id', type: 'integer' }) auditId!: number;
  @Column({ type: 'bigint', transformer: epochMs }) at!: number;
  @Column({ type: 'varchar', length: 64 }) actor!: string;
  @Column({ type: 'varchar', length: 64 }) action!: string;
  @Column({ type: 'varchar', length: 160 }) target!: string;
  @Column({ name: 'before_json', type: 'text', nullable: true, transformer: jsonText }) before!: object | null;
  @Column({ name: 'after_json', type: 'text', nullable: true, transformer: jsonText }) after!: object | null;
}
