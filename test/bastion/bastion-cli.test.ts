import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { BastionEndpoint } from '@ecs/contracts';
import { startTestPlatform, type TestPlatform } from '../support/platform-harness';
import { bastionEndpoint, codeAt, enrol } from './support/bastion-client';

const ROOT = join(__dirname, '..', '..');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the compiled CLI (`npm test` builds first) as `npm run bastion -- …` would, stdin from a pipe. */
function bastionCli(args: string[], env: Record<string, string>, stdin = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'run.js'), 'apps/bastion-cli/src/main.js', ...args], { env: { PATH: process.env.PATH ?? '', HOME: env.HOME ?? '/nonexistent', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(stdin);
  });
}

describe('the bastion CLI against a running all-in-one', () => {
  let platform: TestPlatform;
  let bastion: BastionEndpoint;
  let hostId: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    platform = await startTestPlatform({ ECS_CONSOLE_PORT: '0' });
    bastion = bastionEndpoint(platform.dataDir);
    hostId = platform.fleet.hosts[1].registration.hostId;
    env = { ECS_DATA_DIR: platform.dataDir, ECS_BASTION_SESSION_FILE: join(platform.dataDir, 'cli-session.json') };
  });
  afterAll(async () => platform.dispose());

  it('administers with the data dir token, enrols on first login, and runs a piped session in line mode', async () => {
    const password = 'a long passphrase for vic';
    const added = await bastionCli(['admin', 'users', 'add', 'vic'], { ...env, ECS_BASTION_NEW_PASSWORD: password });
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ username: 'vic', totpEnrolled: false });
    const granted = await bastionCli(['admin', 'grants', 'add', '--user', 'vic', '--host', hostId, '--role', 'read-only', '--ttl', '600'], env);
    expect(JSON.parse(granted.stdout)).toMatchObject({ role: 'read-only', active: true, target: { kind: 'host', name: hostId } });

    // Enrolment shows a secret for an authenticator app: done through the API here, as a person would with the app.
    const { secret, step } = await enrol(bastion.url, 'vic', password);

    const session = await bastionCli(['connect', hostId, '--user', 'vic', '--code', codeAt(secret, step + 1)], { ...env, ECS_BASTION_PASSWORD: password }, 'hostinfo\nvirsh start i-anything\nbash\n');
    expect(session.stderr).toBe('');
    expect(session.code).toBe(0);
    expect(session.stdout).toContain(`Connected to ${hostId} as vic (read-only)`);
    expect(session.stdout).toContain(`Host:       ${hostId}`);
    expect(session.stdout).toContain('virsh start: permission denied');
    expect(session.stdout).toContain('blocked by policy');
    expect(session.stdout).not.toContain('\r');
  });

  it('keeps a login for later commands and verifies the audit chain as an auditor', async () => {
    const password = 'a long passphrase for ida';
    expect((await bastionCli(['admin', 'users', 'add', 'ida', '--role', 'auditor'], { ...env, ECS_BASTION_NEW_PASSWORD: password })).code).toBe(0);
    const { secret, step } = await enrol(bastion.url, 'ida', password);

    const login = await bastionCli(['login', '--user', 'ida', '--code', codeAt(secret, step + 1)], { ...env, ECS_BASTION_PASSWORD: password });
    expect(login.code).toBe(0);
    expect(statSync(env.ECS_BASTION_SESSION_FILE).mode & 0o777).toBe(0o600);
    const verified = await bastionCli(['audit', 'verify'], env);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true });
    const sessions = await bastionCli(['sessions'], env);
    expect(JSON.parse(sessions.stdout).recent[0]).toMatchObject({ username: 'vic', endReason: 'user-exit' });
    const replay = await bastionCli(['replay', JSON.parse(sessions.stdout).recent[0].sessionId], env);
    expect(JSON.parse(replay.stdout.split('\n')[0])).toMatchObject({ version: 2 });
    expect((await bastionCli(['logout'], env)).code).toBe(0);
    expect((await bastionCli(['audit', 'verify'], env)).stderr).toContain('needed, but stdin is not a terminal');
  });

  it('refuses a host without a grant and explains usage, without a stack trace', async () => {
    const password = 'a long passphrase for zed';
    await bastionCli(['admin', 'users', 'add', 'zed'], { ...env, ECS_BASTION_NEW_PASSWORD: password });
    const { secret, step } = await enrol(bastion.url, 'zed', password);
    const refused = await bastionCli(['connect', hostId, '--user', 'zed', '--code', codeAt(secret, step + 1)], { ...env, ECS_BASTION_PASSWORD: password });
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stderr)).toMatchObject({ Code: 'NoGrant' });
    const usage = await bastionCli(['frobnicate'], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage: npm run --silent bastion');
    expect(usage.stderr).not.toMatch(/\n\s+at /);
  });
});
