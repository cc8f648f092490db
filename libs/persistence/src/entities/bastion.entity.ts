import { Column, Entity, PrimaryColumn, type ValueTransformer } from 'typeorm';
import { epochMs } from './column-types';

/** A counter in a BIGINT, read back as a number whatever the driver hands over. */
const bigintNumber: ValueTransformer = epochMs;

/** An operations engineer who may log in to the bastion (password + TOTP). */
@Entity('bastion_users')
export class BastionUserEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 }) username!: string;
  /** Self-describing KDF string (algorithm, parameters, salt, hash). */
  @Column({ name: 'password_hash', type: 'varchar', length: 256 }) passwordHash!: string;
  /** Comma-separated bastion roles (admin, auditor); empty for a plain engineer. */
  @Column({ type: 'varchar', length: 64 }) roles!: string;
  /** Base32 TOTP secret, set at the first password login and confirmed by the first valid code. */
  @Column({ name: 'totp_secret', type: 'varchar', length: 64, nullable: true }) totpSecret!: string | null;
  @Column({ name: 'totp_enrolled', type: 'boolean' }) totpEnrolled!: boolean;
  /** The last TOTP time step accepted: a code for this step or an earlier one is a replay. */
  @Column({ name: 'totp_last_step', type: 'bigint', nullable: true, transformer: bigintNumber }) totpLastStep!: number | null;
  @Column({ name: 'failed_attempts', type: 'int' }) failedAttempts!: number;
  @Column({ name: 'locked_until', type: 'bigint', nullable: true, transformer: epochMs }) lockedUntil!: number | null;
  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs }) createdAt!: number;
}

/** Membership of a user in a named group of users; grants may name the group. */
@Entity('bastion_user_groups')
export class BastionUserGroupEntity {
  @PrimaryColumn({ name: 'group_name', type: 'varchar', length: 32 }) groupName!: string;
  @PrimaryColumn({ type: 'varchar', length: 32 }) username!: string;
}

/** Membership of a host in a named group of hosts; grants may name the group. */
@Entity('bastion_host_groups')
export class BastionHostGroupEntity {
  @PrimaryColumn({ name: 'group_name', type: 'varchar', length: 32 }) groupName!: string;
  @PrimaryColumn({ name: 'host_id', type: 'varchar', length: 64 }) hostId!: string;
}

/** A user or user group may reach a host or host group with a role until it expires or is revoked. */
@Entity('bastion_grants')
export class BastionGrantEntity {
  @PrimaryColumn({ name: 'grant_id', type: 'varchar', length: 40 }) grantId!: string;
  @Column({ name: 'subject_kind', type: 'varchar', length: 8 }) subjectKind!: 'user' | 'group';
  @Column({ type: 'varchar', length: 32 }) subject!: string;
  @Column({ name: 'target_kind', type: 'varchar', length: 16 }) targetKind!: 'host' | 'host-group';
  @Column({ type: 'varchar', length: 64 }) target!: string;
  @Column({ type: 'varchar', length: 16 }) role!: 'read-only' | 'operator';
  @Column({ name: 'expires_at', type: 'bigint', transformer: epochMs }) expiresAt!: number;
  @Column({ name: 'created_by', type: 'varchar', length: 32 }) createdBy!: string;
  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs }) createdAt!: number;
  @Column({ name: 'revoked_at', type: 'bigint', nullable: true, transformer: epochMs }) revokedAt!: number | null;
  @Column({ name: 'revoked_by', type: 'varchar', length: 32, nullable: true }) revokedBy!: string | null;
}

/**
 * Bearer secrets the bastion hands out, stored only as SHA-256 digests: login tickets waiting for a
 * TOTP code, logged-in API sessions, and single-use connection tokens bound to a host.
 */
@Entity('bastion_tokens')
export class BastionTokenEntity {
  @PrimaryColumn({ name: 'token_hash', type: 'varchar', length: 64 }) tokenHash!: string;
  @Column({ type: 'varchar', length: 16 }) kind!: 'totp-ticket' | 'enrol-ticket' | 'session' | 'connect';
  @Column({ type: 'varchar', length: 32 }) username!: string;
  /** Only for connection tokens: the one host the token opens. */
  @Column({ name: 'host_id', type: 'varchar', length: 64, nullable: true }) hostId!: string | null;
  @Column({ name: 'expires_at', type: 'bigint', transformer: epochMs }) expiresAt!: number;
  @Column({ name: 'used_at', type: 'bigint', nullable: true, transformer: epochMs }) usedAt!: number | null;
  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs }) createdAt!: number;
}

/** One terminal session through the bastion to a host. */
@Entity('bastion_sessions')
export class BastionSessionEntity {
  @PrimaryColumn({ name: 'session_id', type: 'varchar', length: 40 }) sessionId!: string;
  @Column({ type: 'varchar', length: 32 }) username!: string;
  @Column({ name: 'host_id', type: 'varchar', length: 64 }) hostId!: string;
  @Column({ type: 'varchar', length: 16 }) role!: 'read-only' | 'operator';
  @Column({ name: 'client_address', type: 'varchar', length: 64 }) clientAddress!: string;
  @Column({ name: 'started_at', type: 'bigint', transformer: epochMs }) startedAt!: number;
  @Column({ name: 'ended_at', type: 'bigint', nullable: true, transformer: epochMs }) endedAt!: number | null;
  @Column({ name: 'end_reason', type: 'varchar', length: 32, nullable: true }) endReason!: string | null;
}

/** A session's asciicast v2 recording, in order: the header is chunk 0, events follow. */
@Entity('bastion_recording_chunks')
export class BastionRecordingChunkEntity {
  @PrimaryColumn({ name: 'session_id', type: 'varchar', length: 40 }) sessionId!: string;
  @PrimaryColumn({ name: 'chunk_no', type: 'int' }) chunkNo!: number;
  @Column({ type: 'text' }) body!: string;
}

/** The bastion's append-only audit log; each row's hash covers the previous row's hash. */
@Entity('bastion_audit')
export class BastionAuditEntity {
  @PrimaryColumn({ type: 'bigint', transformer: bigintNumber }) seq!: number;
  @Column({ type: 'bigint', transformer: epochMs }) at!: number;
  @Column({ type: 'varchar', length: 64 }) actor!: string;
  @Column({ type: 'varchar', length: 32 }) action!: string;
  @Column({ type: 'varchar', length: 128 }) target!: string;
  @Column({ type: 'varchar', length: 16 }) outcome!: string;
  @Column({ name: 'session_id', type: 'varchar', length: 40, nullable: true }) sessionId!: string | null;
  /** Canonical JSON of the action's details. */
  @Column({ type: 'text' }) detail!: string;
  @Column({ name: 'prev_hash', type: 'varchar', length: 64 }) prevHash!: string;
  @Column({ type: 'varchar', length: 64 }) hash!: string;
}

/**
 * The audit log's newest row, in one row that appenders lock: it serialises appends across bastion
 * replicas, and a log whose last row disagrees with it has lost its tail.
 */
@Entity('bastion_audit_head')
export class BastionAuditHeadEntity {
  @PrimaryColumn({ type: 'int' }) id!: number;
  @Column({ type: 'bigint', transformer: bigintNumber }) seq!: number;
  @Column({ type: 'varchar', length: 64 }) hash!: string;
}

export const BASTION_ENTITIES = [
  BastionUserEntity,
  BastionUserGroupEntity,
  BastionHostGroupEntity,
  BastionGrantEntity,
  BastionTokenEntity,
  BastionSessionEntity,
  BastionRecordingChunkEntity,
  BastionAuditEntity,
  BastionAuditHeadEntity,
];
