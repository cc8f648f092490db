import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OperatorRole } from '@ecs/contracts';
import { epochMs } from './column-types';

/** A console operator. `passwordHash` is a self-describing scrypt string (parameters, salt, hash). */
@Entity('operators')
export class OperatorEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 }) username!: string;
  @Column({ name: 'password_hash', type: 'varchar', length: 256 }) passwordHash!: string;
  @Column({ type: 'varchar', length: 16 }) role!: OperatorRole;
  @Column({ type: 'boolean' }) enabled!: boolean;
  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs }) createdAt!: number;
  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs }) updatedAt!: number;
}

/**
 * A console session. Only a SHA-256 of the session token is kept, so a copy of the database does
 * not let anyone log in; the CSRF token is not a credential on its own (it needs the cookie).
 */
@Entity('operator_sessions')
export class OperatorSessionEntity {
  @PrimaryColumn({ name: 'token_hash', type: 'varchar', length: 64 }) tokenHash!: string;
  @Column({ type: 'varchar', length: 64 }) username!: string;
  @Column({ name: 'csrf_token', type: 'varchar', length: 64 }) csrfToken!: string;
  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs }) createdAt!: number;
  @Column({ name: 'expires_at', type: 'bigint', transformer: epochMs }) expiresAt!: number;
}
