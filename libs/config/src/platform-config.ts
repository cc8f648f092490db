import { isIP } from 'node:net';
import { z } from 'zod';
import { bastionAgentKey, bastionSettingsFields, bastionSettingsOf, type BastionSettings } from './bastion-settings';

/**
 * The one place that reads the environment. Every app receives a typed, validated config object;
 * a bad value stops the boot with a message naming the variable.
 */
const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();

/** Comma-separated CIDRs (`10.1.0.0/16, fd00::/8`); empty means none. Shared with the service configs. */
export const cidrList = z
  .string()
  .default('')
  .transform((value) => value.split(',').map((item) => item.trim()).filter((item) => item !== ''))
  .refine((cidrs) => cidrs.every(isCidr), 'comma-separated CIDRs such as 10.0.0.0/8 or fd00::/8');

function isCidr(value: string): boolean {
  const [address = '', prefix = '', ...rest] = value.split('/');
  const family = isIP(address);
  return rest.length === 0 && family !== 0 && /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

const schema = z.object({
  ECS_MODE: z.enum(['all-in-one']).default('all-in-one'),
  ECS_GATEWAY_PORT: port.default(8080),
  ECS_GATEWAY_HOST: z.string().min(1).default('0.0.0.0'),
  ECS_ADMIN_PORT: port.default(8083),
  ECS_DATA_DIR: z.string().min(1).default('./.ecs-data'),
  ECS_REGION_ID: z.string().regex(/^[a-z]+-[a-z0-9-]+$/, 'a region id such as cn-hangzhou').default('cn-hangzhou'),
  ECS_SIM_HOSTS: positiveInt.max(100000).default(8),
  ECS_SIM_HOST_VCPUS: positiveInt.default(64),
  ECS_SIM_HOST_MEMORY_GIB: positiveInt.default(256),
  ECS_SIM_BOOT_MS: z.coerce.number().int().min(0).default(1500),
  ECS_SIM_SHUTDOWN_MS: z.coerce.number().int().min(0).default(500),
  ECS_BOOTSTRAP_ACCESS_KEY_ID: z.string().regex(/^[A-Za-z0-9]{16,64}$/, '16–64 letters and digits').optional(),
  ECS_BOOTSTRAP_ACCESS_KEY_SECRET: z.string().min(16).max(128).optional(),
  ECS_THROTTLE_PER_SECOND: positiveInt.default(200),
  ECS_TIMESTAMP_WINDOW_SECONDS: positiveInt.default(900),
  ECS_TASK_DEADLINE_MS: positiveInt.default(60000),
  ECS_RESYNC_INTERVAL_MS: positiveInt.default(5000),
  ECS_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  ECS_CONSOLE_PORT: port.default(8081),
  ECS_CONSOLE_HOST: z.string().min(1).default('127.0.0.1'),
  ECS_ADMIN_USER: z.string().regex(/^[a-z][a-z0-9_.-]{2,63}$/, '3–64 lower-case letters, digits, ".", "_" or "-", starting with a letter').default('admin'),
  ECS_ADMIN_PASSWORD: z.string().min(12, 'at least 12 characters').max(256).optional(),
  ECS_CONSOLE_SESSION_MINUTES: positiveInt.max(7 * 24 * 60).default(480),
  ECS_CONSOLE_LOGIN_ATTEMPTS: positiveInt.default(10),
  ECS_QUOTA_DEFAULT_MAX_VCPUS: positiveInt.default(4096),
  ECS_QUOTA_DEFAULT_MAX_INSTANCES: positiveInt.default(2048),
  ...bastionSettingsFields,
  ECS_BASTION_AGENT_KEY: bastionAgentKey.optional(),
  ECS_IMAGE_BLOB_HOST: z.string().min(1).default('127.0.0.1'),
  ECS_IMAGE_BLOB_PORT: port.default(8084),
  ECS_IMAGE_BLOB_TOKEN: z.string().min(32, 'at least 32 characters').optional(),
  ECS_IMAGE_MAX_IMPORT_GIB: positiveInt.max(4096).default(64),
  ECS_IMAGE_IMPORT_TIMEOUT_SECONDS: positiveInt.default(3600),
  ECS_IMAGE_IMPORT_ALLOWED_CIDRS: cidrList,
  ECS_IMAGE_CACHE_DIR: z.string().min(1).optional(),
  ECS_METASERVER_SOCKET_DIR: z.string().min(1).optional(),
  ECS_METASERVER_HOST: z.string().min(1).default('127.0.0.1'),
  ECS_METASERVER_PORT: port.default(8085),
  ECS_HYPERVISOR: z.enum(['sim', 'qemu']).default('sim'),
  ECS_QEMU_STATE_DIR: z.string().min(1).optional(),
  ECS_QEMU_ACCEL: z.enum(['auto', 'tcg', 'kvm']).default('auto'),
  ECS_SYSTEM_IMAGE_MANIFESTS: z
    .string()
    .default('.infra/images/tinylinux.json')
    .transform((value) => value.split(',').map((item) => item.trim()).filter((item) => item !== '')),
});

export type RawPlatformConfig = z.infer<typeof schema>;

export interface PlatformConfig {
  readonly gateway: { readonly host: string; readonly port: number; readonly throttlePerSecond: number; readonly timestampWindowMs: number };
  readonly admin: { readonly port: number };
  readonly dataDir: string;
  readonly regionId: string;
  readonly sim: {
    readonly hosts: number;
    readonly hostVcpus: number;
    readonly hostMemoryMiB: number;
    readonly bootMs: number;
    readonly shutdownMs: number;
  };
  readonly bootstrapAccessKey: { readonly accessKeyId: string; readonly accessKeySecret: string } | undefined;
  readonly taskDeadlineMs: number;
  readonly resyncIntervalMs: number;
  readonly logLevel: RawPlatformConfig['ECS_LOG_LEVEL'];
  /** The operators' web console and its admin API (sessions, first operator, login throttle). */
  readonly console: {
    readonly host: string;
    readonly port: number;
    readonly adminUser: string;
    /** Used only when the operator does not exist yet; generated and printed once when unset. */
    readonly adminPassword: string | undefined;
    readonly sessionMs: number;
    /** Login attempts allowed per username (and five times as many per client address) in each 5-minute window. */
    readonly loginAttemptsPerWindow: number;
  };
  /** Tenant quotas for accounts an operator set none for. */
  readonly quotaDefaults: { readonly maxVcpus: number; readonly maxInstances: number };
  readonly bastion: BastionSettings;

  /** The image center: blob endpoint for host agents, import limits and SSRF allow-list, the agents' cache. */
  readonly images: {
    readonly blobHost: string;
    readonly blobPort: number;
    /** Bearer token host agents present to the blob endpoint; all-in-one makes one per boot when unset. */
    readonly blobToken: string | undefined;
    readonly maxImportBytes: number;
    readonly importTimeoutMs: number;
    /** Import URLs may resolve into these CIDRs although they are loopback, private, link-local … */
    readonly importAllowedCidrs: readonly string[];
    /** Where a host agent keeps pulled images; `<dataDir>/image-cache` when unset. */
    readonly cacheDir: string | undefined;
  };
  /** The metaserver: one unix socket per instance under `socketDir` (`<dataDir>/metaserver` when unset), management on host:port. */
  readonly metaserver: {
    readonly socketDir: string | undefined;
    readonly host: string;
    readonly port: number;
  };
  /** What the all-in-one's hosts run guests on: the `sim` KVM model, or real QEMU processes. */
  readonly hypervisor: {
    readonly kind: RawPlatformConfig['ECS_HYPERVISOR'];
    readonly qemu: {
      /** One folder per host, holding one folder per domain; `<dataDir>/qemu` when unset. */
      readonly stateDir: string | undefined;
      /** `auto` uses KVM only after a probe shows it really runs guest code. */
      readonly accel: RawPlatformConfig['ECS_QEMU_ACCEL'];
    };
  };
  /**
   * Manifests (as deploy/images writes them: imageId, file, format, sha256) of system images the
   * all-in-one registers at start when the manifest exists; relative paths are from the working directory.
   */
  readonly systemImageManifests: readonly string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

export function loadPlatformConfig(env: Readonly<Record<string, string | undefined>>): PlatformConfig {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const raw = parsed.data;
  if ((raw.ECS_BOOTSTRAP_ACCESS_KEY_ID === undefined) !== (raw.ECS_BOOTSTRAP_ACCESS_KEY_SECRET === undefined)) {
    throw new ConfigError(['ECS_BOOTSTRAP_ACCESS_KEY_ID and ECS_BOOTSTRAP_ACCESS_KEY_SECRET: set both or neither']);
  }
  return {
    gateway: {
      host: raw.ECS_GATEWAY_HOST,
      port: raw.ECS_GATEWAY_PORT,
      throttlePerSecond: raw.ECS_THROTTLE_PER_SECOND,
      timestampWindowMs: raw.ECS_TIMESTAMP_WINDOW_SECONDS * 1000,
    },
    admin: { port: raw.ECS_ADMIN_PORT },
    dataDir: raw.ECS_DATA_DIR,
    regionId: raw.ECS_REGION_ID,
    sim: {
      hosts: raw.ECS_SIM_HOSTS,
      hostVcpus: raw.ECS_SIM_HOST_VCPUS,
      hostMemoryMiB: raw.ECS_SIM_HOST_MEMORY_GIB * 1024,
      bootMs: raw.ECS_SIM_BOOT_MS,
      shutdownMs: raw.ECS_SIM_SHUTDOWN_MS,
    },
    bootstrapAccessKey:
      raw.ECS_BOOTSTRAP_ACCESS_KEY_ID && raw.ECS_BOOTSTRAP_ACCESS_KEY_SECRET
        ? { accessKeyId: raw.ECS_BOOTSTRAP_ACCESS_KEY_ID, accessKeySecret: raw.ECS_BOOTSTRAP_ACCESS_KEY_SECRET }
        : undefined,
    taskDeadlineMs: raw.ECS_TASK_DEADLINE_MS,
    resyncIntervalMs: raw.ECS_RESYNC_INTERVAL_MS,
    logLevel: raw.ECS_LOG_LEVEL,
    console: {
      host: raw.ECS_CONSOLE_HOST,
      port: raw.ECS_CONSOLE_PORT,
      adminUser: raw.ECS_ADMIN_USER,
      adminPassword: raw.ECS_ADMIN_PASSWORD,
      sessionMs: raw.ECS_CONSOLE_SESSION_MINUTES * 60_000,
      loginAttemptsPerWindow: raw.ECS_CONSOLE_LOGIN_ATTEMPTS,
    },
    quotaDefaults: { maxVcpus: raw.ECS_QUOTA_DEFAULT_MAX_VCPUS, maxInstances: raw.ECS_QUOTA_DEFAULT_MAX_INSTANCES },
    bastion: bastionSettingsOf(raw, raw.ECS_BASTION_AGENT_KEY),
    images: {
      blobHost: raw.ECS_IMAGE_BLOB_HOST,
      blobPort: raw.ECS_IMAGE_BLOB_PORT,
      blobToken: raw.ECS_IMAGE_BLOB_TOKEN,
      maxImportBytes: raw.ECS_IMAGE_MAX_IMPORT_GIB * 1024 ** 3,
      importTimeoutMs: raw.ECS_IMAGE_IMPORT_TIMEOUT_SECONDS * 1000,
      importAllowedCidrs: raw.ECS_IMAGE_IMPORT_ALLOWED_CIDRS,
      cacheDir: raw.ECS_IMAGE_CACHE_DIR,
    },
    metaserver: { socketDir: raw.ECS_METASERVER_SOCKET_DIR, host: raw.ECS_METASERVER_HOST, port: raw.ECS_METASERVER_PORT },
    hypervisor: { kind: raw.ECS_HYPERVISOR, qemu: { stateDir: raw.ECS_QEMU_STATE_DIR, accel: raw.ECS_QEMU_ACCEL } },
    systemImageManifests: raw.ECS_SYSTEM_IMAGE_MANIFESTS,
  };
}
