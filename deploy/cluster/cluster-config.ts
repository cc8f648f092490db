import { z } from 'zod';
import { ConfigError } from '@ecs/config';

const port = z.coerce.number().int().min(1).max(65535);

/**
 * What `npm run cluster:up` reads from the environment. Everything else (boot times, bootstrap
 * AccessKey, admin password, log level …) is passed through to the processes, which validate it.
 * Infrastructure endpoints default to what `npm run infra:up` recorded in .infra/endpoints.json.
 */
const schema = z.object({
  ECS_DATA_DIR: z.string().min(1).default('./.ecs-data'),
  ECS_REGION_ID: z.string().regex(/^[a-z]+-[a-z0-9-]+$/).default('cn-hangzhou'),
  ECS_CLUSTER_HOSTS: z.coerce.number().int().min(1).max(64).default(4),
  ECS_CLUSTER_CONTROL_REPLICAS: z.coerce.number().int().min(1).max(5).default(2),
  ECS_HYPERVISOR: z.enum(['sim', 'qemu']).default('sim'),
  ECS_CLUSTER_START_TIMEOUT_SECONDS: z.coerce.number().int().positive().default(120),
  ECS_GATEWAY_PORT: port.default(8080),
  ECS_ADMIN_PORT: port.default(8083),
  ECS_CONSOLE_PORT: port.default(8081),
  ECS_BASTION_PORT: port.default(8082),
  ECS_ZK_ROOT: z.string().regex(/^(\/[^/\s]+)+$/).default('/ecs'),
  ECS_ZK_SESSION_TIMEOUT_MS: z.coerce.number().int().min(1000).max(60000).default(6000),
  ECS_KAFKA_TOPIC_PREFIX: z.string().regex(/^[A-Za-z0-9._-]*$/).default(''),
  ECS_DB_NAME: z.string().regex(/^[A-Za-z0-9_]+$/).optional(),
  ECS_REDIS_KEY_PREFIX: z.string().min(1).default('ecs:'),
});

export type ClusterCliConfig = z.infer<typeof schema>;

/** @throws ConfigError naming each bad variable. */
export function loadClusterCliConfig(env: Readonly<Record<string, string | undefined>>): ClusterCliConfig {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  return parsed.data;
}
