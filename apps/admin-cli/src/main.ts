import { loadPlatformConfig, readAdminEndpoint } from '@ecs/config';

const USAGE = `usage: npm run --silent admin -- <command>
  accounts create --name NAME     create a tenant account with an AccessKey (prints its secret once)
  accounts list                   list accounts and their AccessKeys
  access-keys disable ID          disable an AccessKey (effective at once)
  access-keys enable ID           enable it again`;

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function optionValue(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const config = loadPlatformConfig(process.env);
  const endpoint = readAdminEndpoint(config.dataDir);
  if (!endpoint) fail(`no running platform found for ECS_DATA_DIR=${config.dataDir} (start it with "npm start")`, 1);
  let response: Response;
  try {
    response = await fetch(`${endpoint.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${endpoint.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    fail(`the platform's admin API at ${endpoint.url} is not answering; is the platform running?`, 1);
  }
  const payload = (await response.json());
  if (!response.ok) fail(JSON.stringify(payload), 1);
  return payload;
}

async function main(args: readonly string[]): Promise<unknown> {
  const [group, verb, id] = args;
  switch (`${group ?? ''} ${verb ?? ''}`) {
    case 'accounts create': {
      const name = optionValue(args, '--name');
      if (!name) fail('accounts create needs --name NAME');
      return call('POST', '/admin/v1/accounts', { name });
    }
    case 'accounts list':
      return call('GET', '/admin/v1/accounts');
    case 'access-keys disable':
    case 'access-keys enable':
      if (!id) fail(`access-keys ${verb} needs an AccessKey id`);
      return call('POST', `/admin/v1/access-keys/${encodeURIComponent(id)}/${verb}`);
    default:
      fail(USAGE);
  }
}

main(process.argv.slice(2)).then(
  (result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`),
  (error: unknown) => fail(error instanceof Error ? error.message : String(error), 1),
);
