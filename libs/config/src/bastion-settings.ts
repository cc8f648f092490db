import { z } from 'zod';

const positiveInt = z.coerce.number().int().positive();
const secret = z.string().min(32, 'at least 32 characters');

/** The key host agents and the bastion share to sign and check ops-session opens. */
export const bastionAgentKey = secret;

/**
 * The bastion's variables, read the same by the all-in-one and the bastion process; each adds
 * `ECS_BASTION_AGENT_KEY` (optional in one process, required beside separate agents).
 */
export const bastionSettingsFields = {
  ECS_BASTION_HOST: z.string().min(1).default('127.0.0.1'),
  ECS_BASTION_PORT: z.coerce.number().int().min(0).max(65535).default(8082),
  ECS_BASTION_AUDIT_KEY: secret.optional(),
  ECS_BASTION_LOCKOUT_ATTEMPTS: positiveInt.max(100).default(5),
  ECS_BASTION_LOCKOUT_MINUTES: positiveInt.default(15),
  ECS_BASTION_FAILURES_PER_MINUTE: positiveInt.default(30),
  ECS_BASTION_TOKEN_TTL_SECONDS: positiveInt.max(300).default(30),
  ECS_BASTION_SESSION_MINUTES: positiveInt.max(24 * 60).default(480),
};

type RawBastionSettings = z.infer<z.ZodObject<typeof bastionSettingsFields>>;

/** The ops bastion (Admin Gateway): operators' logins, per-host grants, audited terminal sessions. */
export interface BastionSettings<AgentKey extends string | undefined = string | undefined> {
  readonly host: string;
  readonly port: number;
  /** Shared with host agents to sign session opens; the all-in-one makes one per boot when unset. */
  readonly agentKey: AgentKey;
  /** Keys the audit hash chain; a generated one is kept in the data dir when unset. */
  readonly auditKey: string | undefined;
  /** Failed logins in a row that lock a user, and for how long. */
  readonly lockoutAttempts: number;
  readonly lockoutMs: number;
  /** Failed logins allowed per client address per minute. */
  readonly failuresPerMinute: number;
  readonly connectTokenTtlMs: number;
  readonly loginSessionMs: number;
}

export function bastionSettingsOf<AgentKey extends string | undefined>(raw: RawBastionSettings, agentKey: AgentKey): BastionSettings<AgentKey> {
  return {
    host: raw.ECS_BASTION_HOST,
    port: raw.ECS_BASTION_PORT,
    agentKey,
    auditKey: raw.ECS_BASTION_AUDIT_KEY,
    lockoutAttempts: raw.ECS_BASTION_LOCKOUT_ATTEMPTS,
    lockoutMs: raw.ECS_BASTION_LOCKOUT_MINUTES * 60_000,
    failuresPerMinute: raw.ECS_BASTION_FAILURES_PER_MINUTE,
    connectTokenTtlMs: raw.ECS_BASTION_TOKEN_TTL_SECONDS * 1000,
    loginSessionMs: raw.ECS_BASTION_SESSION_MINUTES * 60_000,
  };
}
