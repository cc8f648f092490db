import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestPlatform, type TestPlatform } from '../support/platform-harness';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

/** Runs a compiled CLI (`npm test` builds before jest) the way an operator or tenant would. */
async function cli(entry: string, args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(ROOT, 'scripts', 'run.js'), entry, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('admin and tenant command-line tools against a running all-in-one', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(async () => platform.dispose());

  it('creates a tenant with the admin CLI, drives an instance with `ecs --wait`, and disables the key at once', async () => {
    const admin = (args: string[]) => cli('apps/admin-cli/src/main.js', args, { ECS_DATA_DIR: platform.dataDir });
    const created = await admin(['accounts', 'create', '--name', 'dora']);
    expect(created.code).toBe(0);
    const account = JSON.parse(created.stdout) as { AccountId: string; AccessKeyId: string; AccessKeySecret: string };
    expect(account.AccountId).toMatch(/^\d{16}$/);

    const listed = JSON.parse((await admin(['accounts', 'list'])).stdout) as { name: string; accessKeys: { accessKeyId: string }[] }[];
    expect(listed.find((a) => a.name === 'dora')!.accessKeys[0].accessKeyId).toBe(account.AccessKeyId);
    expect(JSON.stringify(listed)).not.toContain(account.AccessKeySecret);

    const tenantEnv = { ALIBABA_CLOUD_ACCESS_KEY_ID: account.AccessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: account.AccessKeySecret, ECS_ENDPOINT: platform.gatewayUrl, ECS_CLI_PROFILE_FILE: join(platform.dataDir, 'no-profiles.json') };
    const ecs = (args: string[]) => cli('apps/tenant-cli/src/main.js', args, tenantEnv);
    const launched = await ecs(['RunInstances', '--ZoneId', 'cn-hangzhou-h', '--InstanceType', 'ecs.g7.large', '--ImageId', 'aliyun_3_x64_20G_alibase_20241103.vhd', '--wait']);
    expect(launched.code).toBe(0);
    const id = (JSON.parse(launched.stdout) as { InstanceIdSets: { InstanceIdSet: string[] } }).InstanceIdSets.InstanceIdSet[0];
    expect(launched.stderr).toContain(`${id}: Running`);

    const stopped = await ecs(['StopInstance', '--InstanceId', id, '--wait']);
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toContain(`${id}: Stopped`);

    expect((await admin(['access-keys', 'disable', account.AccessKeyId])).code).toBe(0);
    const refused = await ecs(['DescribeRegions']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ Code: 'InvalidAccessKeyId.Inactive' });
  });

  it('explains usage and missing credentials without a stack trace', async () => {
    const usage = await cli('apps/tenant-cli/src/main.js', [], {});
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage: npx ecs');
    const noCredentials = await cli('apps/tenant-cli/src/main.js', ['DescribeRegions'], { ECS_CLI_PROFILE_FILE: join(platform.dataDir, 'none.json') });
    expect(noCredentials.code).toBe(1);
    expect(noCredentials.stderr).toContain('no credentials');
    expect(noCredentials.stderr).not.toMatch(/\n\s+at /);
    const adminUsage = await cli('apps/admin-cli/src/main.js', ['accounts'], { ECS_DATA_DIR: platform.dataDir });
    expect(adminUsage.code).toBe(2);
  });
});
