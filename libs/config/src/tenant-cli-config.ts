import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * The tenant CLI's settings: credentials from the environment (the Alibaba Cloud SDK variable
 * names) or a profile file, endpoint and region with local defaults.
 */
const profileSchema = z.object({
  accessKeyId: z.string().min(1),
  accessKeySecret: z.string().min(1),
  endpoint: z.string().url().optional(),
  regionId: z.string().min(1).optional(),
});

const profilesSchema = z.object({ profiles: z.record(z.string(), profileSchema) });

export interface TenantCliConfig {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly endpoint: string;
  readonly regionId: string;
}

export function profileFilePath(env: Readonly<Record<string, string | undefined>>): string {
  return env.ECS_CLI_PROFILE_FILE ?? join(homedir(), '.ecs', 'profiles.json');
}

export function loadTenantCliConfig(env: Readonly<Record<string, string | undefined>>, profileName = env.ECS_PROFILE ?? 'default'): TenantCliConfig {
  let profile: z.infer<typeof profileSchema> | undefined;
  try {
    const parsed = profilesSchema.safeParse(JSON.parse(readFileSync(profileFilePath(env), 'utf8')));
    if (parsed.success) profile = parsed.data.profiles[profileName];
  } catch {
    profile = undefined;
  }
  const accessKeyId = env.ALIBABA_CLOUD_ACCESS_KEY_ID ?? profile?.accessKeyId;
  const accessKeySecret = env.ALIBABA_CLOUD_ACCESS_KEY_SECRET ?? profile?.accessKeySecret;
  if (!accessKeyId || !accessKeySecret) {
    throw new Error(`no credentials: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or add profile "${profileName}" to ${profileFilePath(env)}`);
  }
  return {
    accessKeyId,
    accessKeySecret,
    endpoint: env.ECS_ENDPOINT ?? profile?.endpoint ?? `http://127.0.0.1:${env.ECS_GATEWAY_PORT ?? '8080'}`,
    regionId: env.ECS_REGION_ID ?? profile?.regionId ?? 'cn-hangzhou',
  };
}
