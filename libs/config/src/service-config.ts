import { z } from 'zod';
import { bastionAgentKey, bastionSettingsFields, bastionSettingsOf, type BastionSettings } from './bastion-settings';
import { cidrList, ConfigError, type PlatformConfig } from './platform-config';

/**
 * Configuration of each component running as its own process (local cluster, containers): read
 * from the environment once, validated, and handed to the entry point as a typed object. Variable
 * names match the all-in-one's wherever the meaning is the same.
 */
const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const host = z.string().min(1);
const logLevel = z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info');
const regionId = z.string().regex(/^[a-z]+-[a-z0-9-]+$/, 'a region id such as cn-hangzhou').default('cn-hangzhou');

const common = {
  ECS_LOG_LEVEL: logLevel,
  ECS_REGION_ID: regionId,
};

/** Every internal call carries this bearer token; each server compares it in constant time. */
const internalToken = {
  ECS_INTERNAL_TOKEN: z.string().min(32, 'at least 32 characters'),
};

/** The component's internal HTTP server, and the address peers use to reach it (announced in ZooKeeper). */
function internalServer(defaultPort: number) {
  return {
    ECS_INTERNAL_HOST: host.default('127.0.0.1'),
    ECS_INTERNAL_PORT: port.default(defaultPort),
    ECS_ADVERTISE_HOST: host.optional(),
  };
}

const zookeeper = {
  ECS_ZK_CONNECT: z.string().regex(/^[^\s,/]+:\d{1,5}(,[^\s,/]+:\d{1,5})*$/, 'host:port[,host:port…]'),
  ECS_ZK_ROOT: z.string().regex(/^(\/[^/\s]+)+$/, 'an absolute path such as /ecs').default('/ecs'),
  ECS_ZK_SESSION_TIMEOUT_MS: positiveInt.min(1000).max(60000).default(6000),
};

const database = {
  ECS_DB_HOST: host.default('127.0.0.1'),
  ECS_DB_PORT: port.default(3306),
  ECS_DB_USER: z.string().min(1).default('root'),
  ECS_DB_PASSWORD: z.string().default(''),
  ECS_DB_NAME: z.string().regex(/^[A-Za-z0-9_]+$/, 'letters, digits and _').default('ecs'),
  ECS_DB_POOL_SIZE: positiveInt.max(200).default(10),
};

const redis = {
  ECS_REDIS_URL: z.string().regex(/^rediss?:\/\/\S+$/, 'redis://[user:password@]host:port[/db]').default('redis://127.0.0.1:6379'),
  ECS_REDIS_KEY_PREFIX: z.string().min(1).default('ecs:'),
};

const kafka = {
  ECS_KAFKA_BROKERS: z.string().regex(/^[^\s,]+:\d{1,5}(,[^\s,]+:\d{1,5})*$/, 'host:port[,host:port…]'),
  ECS_KAFKA_TOPIC_PREFIX: z.string().regex(/^[A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" or "-"').default(''),
};

const gatewaySchema = z.object({
  ...common,
  ...zookeeper,
  ...database,
  ...redis,
  ...internalToken,
  ECS_GATEWAY_HOST: host.default('0.0.0.0'),
  ECS_GATEWAY_PORT: port.default(8080),
  ECS_THROTTLE_PER_SECOND: positiveInt.default(200),
  ECS_TIMESTAMP_WINDOW_SECONDS: positiveInt.default(900),
});

const apiProxySchema = z.object({ ...common, ...zookeeper, ...internalToken, ...internalServer(7010) });

const businessSchema = z.object({
  ...common,
  ...zookeeper,
  ...database,
  ...redis,
  ...internalToken,
  ...internalServer(7020),
  ECS_DATA_DIR: z.string().min(1).default('./.ecs-data'),
  ECS_ADMIN_HOST: host.default('127.0.0.1'),
  ECS_ADMIN_PORT: port.default(8083),
  ECS_CONSOLE_HOST: host.default('127.0.0.1'),
  ECS_CONSOLE_PORT: port.default(8081),
  ECS_ADMIN_USER: z.string().regex(/^[a-z][a-z0-9_.-]{2,63}$/, '3–64 lower-case letters, digits, ".", "_" or "-", starting with a letter').default('admin'),
  ECS_ADMIN_PASSWORD: z.string().min(12, 'at least 12 characters').max(256).optional(),
  ECS_CONSOLE_SESSION_MINUTES: positiveInt.max(7 * 24 * 60).default(480),
  ECS_CONSOLE_LOGIN_ATTEMPTS: positiveInt.default(10),
  ECS_QUOTA_DEFAULT_MAX_VCPUS: positiveInt.default(4096),
  ECS_QUOTA_DEFAULT_MAX_INSTANCES: positiveInt.default(2048),
  ECS_BOOTSTRAP_ACCESS_KEY_ID: z.string().regex(/^[A-Za-z0-9]{16,64}$/, '16–64 letters and digits').optional(),
  ECS_BOOTSTRAP_ACCESS_KEY_SECRET: z.string().min(16).max(128).optional(),
});

const controlSchema = z.object({
  ...common,
  ...zookeeper,
  ...database,
  ...redis,
  ...kafka,
  ...internalToken,
  ...internalServer(7030),
  ECS_CONTROL_ID: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, '1–64 letters, digits, ".", "_" or "-"').optional(),
  ECS_TASK_DEADLINE_MS: positiveInt.default(60000),
  ECS_STATUS_CACHE_TTL_SECONDS: positiveInt.max(3600).default(30),
  ECS_QUOTA_DEFAULT_MAX_VCPUS: positiveInt.default(4096),
  ECS_QUOTA_DEFAULT_MAX_INSTANCES: positiveInt.default(2048),
});

/** Shared by the bastion and every host agent: the bastion signs each ops session open with it (docs/decisions/0054). */

const hostId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, '1–64 letters, digits, ".", "_" or "-"');
const dataDir = z.string().min(1).default('./.ecs-data');

const hostAgentSchema = z.object({
  ...common,
  ...zookeeper,
  ...kafka,
  ...internalToken,
  ...internalServer(7040),
  ECS_DATA_DIR: dataDir,
  ECS_HOST_ID: hostId,
  ECS_ZONE_ID: z.string().regex(/^[a-z]+-[a-z0-9-]+$/, 'a zone id such as cn-hangzhou-h'),
  ECS_HOST_RACK: z.string().min(1).max(64).optional(),
  ECS_HOST_CLASS: z.string().min(1).max(64).default('x86-general'),
  ECS_HOST_VCPUS: positiveInt.default(64),
  ECS_HOST_MEMORY_GIB: positiveInt.default(256),
  ECS_HOST_DISK_GIB: positiveInt.default(4096),
  ECS_HYPERVISOR: z.enum(['sim', 'qemu']).default('sim'),
  ECS_SIM_BOOT_MS: z.coerce.number().int().min(0).default(1500),
  ECS_SIM_SHUTDOWN_MS: z.coerce.number().int().min(0).default(500),
  ECS_QEMU_STATE_DIR: z.string().min(1).optional(),
  ECS_QEMU_ACCEL: z.enum(['auto', 'tcg', 'kvm']).default('auto'),
  ECS_IMAGE_CACHE_DIR: z.string().min(1).optional(),
  ECS_RESYNC_INTERVAL_MS: positiveInt.default(5000),
  ECS_BASTION_AGENT_KEY: bastionAgentKey.optional(),
});

/** The ops bastion as its own process; the variable names are the all-in-one's (platform-config.ts). */
const bastionSchema = z.object({
  ...common,
  ...zookeeper,
  ...database,
  ...internalToken,
  ...internalServer(7070),
  ECS_DATA_DIR: dataDir,
  ...bastionSettingsFields,
  ECS_BASTION_AGENT_KEY: bastionAgentKey,
});

const imageCenterSchema = z.object({
  ...common,
  ...zookeeper,
  ...database,
  ...redis,
  ...internalToken,
  ...internalServer(7050),
  ECS_DATA_DIR: dataDir,
  ECS_IMAGE_BLOB_HOST: host.default('127.0.0.1'),
  ECS_IMAGE_BLOB_PORT: port.default(8084),
  ECS_IMAGE_MAX_IMPORT_GIB: positiveInt.max(4096).default(64),
  ECS_IMAGE_IMPORT_TIMEOUT_SECONDS: positiveInt.default(3600),
  ECS_IMAGE_IMPORT_ALLOWED_CIDRS: cidrList,
  ECS_SYSTEM_IMAGE_MANIFESTS: z
    .string()
    .default('.infra/images/tinylinux.json')
    .transform((value) => value.split(',').map((item) => item.trim()).filter((item) => item !== '')),
});

const metaserverSchema = z.object({
  ...common,
  ...zookeeper,
  ...internalToken,
  ...internalServer(7060),
  ECS_DATA_DIR: dataDir,
  ECS_HOST_ID: hostId,
  ECS_METASERVER_SOCKET_DIR: z.string().min(1).optional(),
  ECS_METASERVER_IDENTITY_KEY_FILE: z.string().min(1).optional(),
});

export const SERVICE_SCHEMAS = {
  'openapi-gateway': gatewaySchema,
  'api-proxy': apiProxySchema,
  business: businessSchema,
  control: controlSchema,
  'host-agent': hostAgentSchema,
  'image-center': imageCenterSchema,
  metaserver: metaserverSchema,
  bastion: bastionSchema,
} as const;

export type ServiceName = keyof typeof SERVICE_SCHEMAS;

/** The environment variables each component reads: what compose and Kubernetes manifests may set. */
export function serviceEnvNames(service: ServiceName): readonly string[] {
  return Object.keys(SERVICE_SCHEMAS[service].shape);
}

export type LogLevel = z.infer<typeof logLevel>;

export interface InternalServerConfig {
  readonly host: string;
  readonly port: number;
  /** What peers dial; unset means the bound address (or loopback when bound to every interface). */
  readonly advertiseHost: string | undefined;
}

export interface ZooKeeperConfig {
  readonly connectionString: string;
  readonly root: string;
  readonly sessionTimeoutMs: number;
}

export interface MysqlConfig {
  readonly kind: 'mysql';
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database: string;
  readonly poolSize: number;
}

export interface RedisConfig {
  readonly kind: 'redis';
  readonly url: string;
  readonly keyPrefix: string;
}

export interface KafkaConfig {
  readonly brokers: readonly string[];
  readonly topicPrefix: string;
}

interface ServiceBase {
  readonly logLevel: LogLevel;
  readonly regionId: string;
  readonly internalToken: string;
  readonly zookeeper: ZooKeeperConfig;
}

export interface GatewayServiceConfig extends ServiceBase {
  readonly db: MysqlConfig;
  readonly redis: RedisConfig;
  readonly host: string;
  readonly port: number;
  readonly throttlePerSecond: number;
  readonly timestampWindowMs: number;
}

export interface ApiProxyServiceConfig extends ServiceBase {
  readonly server: InternalServerConfig;
}

export interface BusinessServiceConfig extends ServiceBase {
  readonly server: InternalServerConfig;
  readonly db: MysqlConfig;
  readonly redis: RedisConfig;
  readonly dataDir: string;
  readonly admin: { readonly host: string; readonly port: number };
  readonly console: {
    readonly host: string;
    readonly port: number;
    readonly adminUser: string;
    readonly adminPassword: string | undefined;
    readonly sessionMs: number;
    readonly loginAttemptsPerWindow: number;
  };
  readonly quotaDefaults: { readonly maxVcpus: number; readonly maxInstances: number };
  readonly bootstrapAccessKey: { readonly accessKeyId: string; readonly accessKeySecret: string } | undefined;
}

export interface ControlServiceConfig extends ServiceBase {
  readonly server: InternalServerConfig;
  readonly db: MysqlConfig;
  readonly redis: RedisConfig;
  readonly kafka: KafkaConfig;
  /** This replica's name in the election; the entry point picks host name and pid when unset. */
  readonly controlId: string | undefined;
  readonly taskDeadlineMs: number;
  readonly statusCacheTtlMs: number;
  readonly quotaDefaults: { readonly maxVcpus: number; readonly maxInstances: number };
}

export interface HostAgentServiceConfig extends ServiceBase {
  readonly server: InternalServerConfig;
  readonly kafka: KafkaConfig;
  readonly host: {
    readonly hostId: string;
    readonly zoneId: string;
    readonly rack: string;
    readonly hostClass: string;
    readonly vcpus: number;
    readonly memoryMiB: number;
    readonly diskGiB: number;
  };
  /** Where the host keeps what is its own by default: QEMU state and pulled images, each in a `<hostId>` folder. */
  readonly dataDir: string;
  /** What guests run on; the `sim` fields are ignored by `qemu` and the other way round. */
  readonly hypervisor: {
    readonly kind: 'sim' | 'qemu';
    readonly bootMs: number;
    readonly shutdownMs: number;
    readonly qemu: {
      /** One folder per host, one per domain in it; `<dataDir>/qemu` when unset (keep it short: socket paths). */
      readonly stateDir: string | undefined;
      readonly accel: PlatformConfig['hypervisor']['qemu']['accel'];
    };
  };
  /** Pulled images live in `<imageCacheDir>/<hostId>`; `<dataDir>/image-cache` when unset. */
  readonly imageCacheDir: string | undefined;
  readonly resyncIntervalMs: number;
  /** The bastion's signing key; unset, the host serves no ops shell. */
  readonly opsAgentKey: string | undefined;
}

export interface BastionServiceConfig extends ServiceBase {
  /** Health and nothing else: operators use the public port below. */
  readonly server: InternalServerConfig;
  readonly db: MysqlConfig;
  /** Where the audit key is kept when not configured, and `bastion.json` for the bastion CLI. */
  readonly dataDir: string;
  /** As the all-in-one's bastion takes it, except that the agent key is required (the agents hold the same). */
  readonly bastion: BastionSettings<string>;
}

export interface ImageCenterServiceConfig extends ServiceBase {
  readonly server: InternalServerConfig;
  readonly db: MysqlConfig;
  /** Completed image calls' ClientToken answers (the database stays the record). */
  readonly redis: RedisConfig;
  /** Blob stores live in `<dataDir>/images/<regionId>`; one image center process owns them. */
  readonly dataDir: string;
  /** The blob endpoint and import limits, as the all-in-one's image center takes them; the blob token is the internal token. */
  readonly images: Pick<PlatformConfig['images'], 'blobHost' | 'blobPort' | 'maxImportBytes' | 'importTimeoutMs' | 'importAllowedCidrs'> & { readonly blobToken: string };
  /** Build manifests of system images registered at start when they exist (relative to the working directory). */
  readonly systemImageManifests: readonly string[];
}

export interface MetaServerServiceConfig extends ServiceBase {
  readonly server: InternalServerConfig;
  /** The hypervisor host whose guests this metaserver answers. */
  readonly hostId: string;
  /** Its state lives in `<dataDir>/metaserver/<hostId>`. */
  readonly dataDir: string;
  /** The guests' sockets; `<dataDir>/metaserver/<hostId>/sockets` when unset. */
  readonly socketDir: string | undefined;
  /**
   * The region's identity signing key (PKCS#8 PEM), the same file for every host's metaserver so that
   * one published public key verifies every instance's document: a mounted secret in production;
   * `<dataDir>/metaserver/identity.pem` when unset (created by the first metaserver to start).
   */
  readonly identityKeyFile: string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

function parse<S extends z.ZodObject>(schema: S, env: Env): z.infer<S> {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  return parsed.data;
}

interface BaseRaw {
  readonly ECS_LOG_LEVEL: LogLevel;
  readonly ECS_REGION_ID: string;
  readonly ECS_INTERNAL_TOKEN: string;
  readonly ECS_ZK_CONNECT: string;
  readonly ECS_ZK_ROOT: string;
  readonly ECS_ZK_SESSION_TIMEOUT_MS: number;
}

interface DatabaseRaw {
  readonly ECS_DB_HOST: string;
  readonly ECS_DB_PORT: number;
  readonly ECS_DB_USER: string;
  readonly ECS_DB_PASSWORD: string;
  readonly ECS_DB_NAME: string;
  readonly ECS_DB_POOL_SIZE: number;
}

function base(raw: BaseRaw): ServiceBase {
  return {
    logLevel: raw.ECS_LOG_LEVEL,
    regionId: raw.ECS_REGION_ID,
    internalToken: raw.ECS_INTERNAL_TOKEN,
    zookeeper: { connectionString: raw.ECS_ZK_CONNECT, root: raw.ECS_ZK_ROOT, sessionTimeoutMs: raw.ECS_ZK_SESSION_TIMEOUT_MS },
  };
}

function serverOf(raw: { ECS_INTERNAL_HOST: string; ECS_INTERNAL_PORT: number; ECS_ADVERTISE_HOST?: string }): InternalServerConfig {
  return { host: raw.ECS_INTERNAL_HOST, port: raw.ECS_INTERNAL_PORT, advertiseHost: raw.ECS_ADVERTISE_HOST };
}

function mysqlOf(raw: DatabaseRaw): MysqlConfig {
  return { kind: 'mysql', host: raw.ECS_DB_HOST, port: raw.ECS_DB_PORT, user: raw.ECS_DB_USER, password: raw.ECS_DB_PASSWORD, database: raw.ECS_DB_NAME, poolSize: raw.ECS_DB_POOL_SIZE };
}

function redisOf(raw: { ECS_REDIS_URL: string; ECS_REDIS_KEY_PREFIX: string }): RedisConfig {
  return { kind: 'redis', url: raw.ECS_REDIS_URL, keyPrefix: raw.ECS_REDIS_KEY_PREFIX };
}

function kafkaOf(raw: { ECS_KAFKA_BROKERS: string; ECS_KAFKA_TOPIC_PREFIX: string }): KafkaConfig {
  return { brokers: raw.ECS_KAFKA_BROKERS.split(','), topicPrefix: raw.ECS_KAFKA_TOPIC_PREFIX };
}

/** @throws ConfigError naming every bad variable. */
export function loadGatewayServiceConfig(env: Env): GatewayServiceConfig {
  const raw = parse(gatewaySchema, env);
  return {
    ...base(raw),
    db: mysqlOf(raw),
    redis: redisOf(raw),
    host: raw.ECS_GATEWAY_HOST,
    port: raw.ECS_GATEWAY_PORT,
    throttlePerSecond: raw.ECS_THROTTLE_PER_SECOND,
    timestampWindowMs: raw.ECS_TIMESTAMP_WINDOW_SECONDS * 1000,
  };
}

/** @throws ConfigError naming every bad variable. */
export function loadApiProxyServiceConfig(env: Env): ApiProxyServiceConfig {
  const raw = parse(apiProxySchema, env);
  return { ...base(raw), server: serverOf(raw) };
}

/** @throws ConfigError naming every bad variable. */
export function loadBusinessServiceConfig(env: Env): BusinessServiceConfig {
  const raw = parse(businessSchema, env);
  if ((raw.ECS_BOOTSTRAP_ACCESS_KEY_ID === undefined) !== (raw.ECS_BOOTSTRAP_ACCESS_KEY_SECRET === undefined)) {
    throw new ConfigError(['ECS_BOOTSTRAP_ACCESS_KEY_ID and ECS_BOOTSTRAP_ACCESS_KEY_SECRET: set both or neither']);
  }
  return {
    ...base(raw),
    server: serverOf(raw),
    db: mysqlOf(raw),
    redis: redisOf(raw),
    dataDir: raw.ECS_DATA_DIR,
    admin: { host: raw.ECS_ADMIN_HOST, port: raw.ECS_ADMIN_PORT },
    console: {
      host: raw.ECS_CONSOLE_HOST,
      port: raw.ECS_CONSOLE_PORT,
      adminUser: raw.ECS_ADMIN_USER,
      adminPassword: raw.ECS_ADMIN_PASSWORD,
      sessionMs: raw.ECS_CONSOLE_SESSION_MINUTES * 60_000,
      loginAttemptsPerWindow: raw.ECS_CONSOLE_LOGIN_ATTEMPTS,
    },
    quotaDefaults: { maxVcpus: raw.ECS_QUOTA_DEFAULT_MAX_VCPUS, maxInstances: raw.ECS_QUOTA_DEFAULT_MAX_INSTANCES },
    bootstrapAccessKey:
      raw.ECS_BOOTSTRAP_ACCESS_KEY_ID && raw.ECS_BOOTSTRAP_ACCESS_KEY_SECRET
        ? { accessKeyId: raw.ECS_BOOTSTRAP_ACCESS_KEY_ID, accessKeySecret: raw.ECS_BOOTSTRAP_ACCESS_KEY_SECRET }
        : undefined,
  };
}

/** @throws ConfigError naming every bad variable. */
export function loadControlServiceConfig(env: Env): ControlServiceConfig {
  const raw = parse(controlSchema, env);
  return {
    ...base(raw),
    server: serverOf(raw),
    db: mysqlOf(raw),
    redis: redisOf(raw),
    kafka: kafkaOf(raw),
    controlId: raw.ECS_CONTROL_ID,
    taskDeadlineMs: raw.ECS_TASK_DEADLINE_MS,
    statusCacheTtlMs: raw.ECS_STATUS_CACHE_TTL_SECONDS * 1000,
    quotaDefaults: { maxVcpus: raw.ECS_QUOTA_DEFAULT_MAX_VCPUS, maxInstances: raw.ECS_QUOTA_DEFAULT_MAX_INSTANCES },
  };
}

/** @throws ConfigError naming every bad variable. */
export function loadHostAgentServiceConfig(env: Env): HostAgentServiceConfig {
  const raw = parse(hostAgentSchema, env);
  return {
    ...base(raw),
    server: serverOf(raw),
    kafka: kafkaOf(raw),
    host: {
      hostId: raw.ECS_HOST_ID,
      zoneId: raw.ECS_ZONE_ID,
      rack: raw.ECS_HOST_RACK ?? `${raw.ECS_ZONE_ID}-rack-1`,
      hostClass: raw.ECS_HOST_CLASS,
      vcpus: raw.ECS_HOST_VCPUS,
      memoryMiB: raw.ECS_HOST_MEMORY_GIB * 1024,
      diskGiB: raw.ECS_HOST_DISK_GIB,
    },
    dataDir: raw.ECS_DATA_DIR,
    hypervisor: {
      kind: raw.ECS_HYPERVISOR,
      bootMs: raw.ECS_SIM_BOOT_MS,
      shutdownMs: raw.ECS_SIM_SHUTDOWN_MS,
      qemu: { stateDir: raw.ECS_QEMU_STATE_DIR, accel: raw.ECS_QEMU_ACCEL },
    },
    imageCacheDir: raw.ECS_IMAGE_CACHE_DIR,
    resyncIntervalMs: raw.ECS_RESYNC_INTERVAL_MS,
    opsAgentKey: raw.ECS_BASTION_AGENT_KEY,
  };
}

/** @throws ConfigError naming every bad variable. */
export function loadBastionServiceConfig(env: Env): BastionServiceConfig {
  const raw = parse(bastionSchema, env);
  return {
    ...base(raw),
    server: serverOf(raw),
    db: mysqlOf(raw),
    dataDir: raw.ECS_DATA_DIR,
    bastion: bastionSettingsOf(raw, raw.ECS_BASTION_AGENT_KEY),
  };
}

/** @throws ConfigError naming every bad variable. */
export function loadImageCenterServiceConfig(env: Env): ImageCenterServiceConfig {
  const raw = parse(imageCenterSchema, env);
  return {
    ...base(raw),
    server: serverOf(raw),
    db: mysqlOf(raw),
    redis: redisOf(raw),
    dataDir: raw.ECS_DATA_DIR,
    images: {
      blobHost: raw.ECS_IMAGE_BLOB_HOST,
      blobPort: raw.ECS_IMAGE_BLOB_PORT,
      blobToken: raw.ECS_INTERNAL_TOKEN,
      maxImportBytes: raw.ECS_IMAGE_MAX_IMPORT_GIB * 1024 ** 3,
      importTimeoutMs: raw.ECS_IMAGE_IMPORT_TIMEOUT_SECONDS * 1000,
      importAllowedCidrs: raw.ECS_IMAGE_IMPORT_ALLOWED_CIDRS,
    },
    systemImageManifests: raw.ECS_SYSTEM_IMAGE_MANIFESTS,
  };
}

/** @throws ConfigError naming every bad variable. */
export function loadMetaServerServiceConfig(env: Env): MetaServerServiceConfig {
  const raw = parse(metaserverSchema, env);
  return { ...base(raw), server: serverOf(raw), hostId: raw.ECS_HOST_ID, dataDir: raw.ECS_DATA_DIR, socketDir: raw.ECS_METASERVER_SOCKET_DIR, identityKeyFile: raw.ECS_METASERVER_IDENTITY_KEY_FILE };
}
