import { loadTenantCliConfig } from '@ecs/config';
import { EcsApiError, RpcClient } from './rpc-client';
import { instanceIdsOf, targetStatusOf, waitForStatus } from './wait-for-status';

const USAGE = `usage: npx ecs <Action> [--Param value …] [--wait] [--profile NAME]
  e.g. npx ecs RunInstances --ZoneId cn-hangzhou-h --InstanceType ecs.g7.large --ImageId aliyun_3_x64_20G_alibase_20241103.vhd --wait
Credentials: ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET, or a profile file (ECS_CLI_PROFILE_FILE).
Endpoint: ECS_ENDPOINT (default http://127.0.0.1:8080). Region: ECS_REGION_ID or --RegionId.`;

const WAIT_TIMEOUT_MS = 10 * 60 * 1000;

interface Invocation {
  readonly action: string;
  readonly params: Record<string, string>;
  readonly wait: boolean;
  readonly profile: string | undefined;
}

function parse(args: readonly string[]): Invocation | undefined {
  const [action, ...rest] = args;
  if (!action || action.startsWith('-')) return undefined;
  const params: Record<string, string> = {};
  let wait = false;
  let profile: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--wait') wait = true;
    else if (arg === '--profile') profile = rest[++i];
    else if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
      const value = inline ?? rest[++i];
      if (!name || value === undefined) return undefined;
      params[name] = value;
    } else return undefined;
  }
  return { action, params, wait, profile };
}

async function main(): Promise<number> {
  const invocation = parse(process.argv.slice(2));
  if (!invocation) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadTenantCliConfig(process.env, invocation.profile);
  const client = new RpcClient({ ...config, regionId: invocation.params.RegionId ?? config.regionId });
  const response = await client.call(invocation.action, invocation.params);
  process.stdout.write(`${JSON.stringify(response, null, 2)}\n`);
  const target = targetStatusOf(invocation.action);
  if (!invocation.wait || !target) return 0;
  const ids = instanceIdsOf(invocation.params, response);
  const reached = await waitForStatus(client, ids, target, WAIT_TIMEOUT_MS, (line) => process.stderr.write(`${line}\n`));
  return reached ? 0 : 3;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof EcsApiError) process.stdout.write(`${JSON.stringify(error.body, null, 2)}\n`);
    else process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
