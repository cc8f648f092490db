import { randomBytes } from 'node:crypto';
import { OpsCredentialRejectedError, OpsSessionClosedError, signOpsCredential, type OpsRole, type OpsShellSession } from '@ecs/contracts';
import { SimDriver } from '@ecs/hypervisor';
import { configureLogging } from '@ecs/observability';
import { OpsShell } from './ops-shell';

const HOST = 'sim-test-001';
const key = randomBytes(32);
let clock = 1_000_000;
let sessions = 0;

function credential(role: OpsRole, overrides: { hostId?: string; expiresAt?: number; sessionId?: string } = {}) {
  sessions += 1;
  return signOpsCredential({ hostId: overrides.hostId ?? HOST, sessionId: overrides.sessionId ?? `bs-${sessions}`, user: 'alice', role, expiresAt: overrides.expiresAt ?? clock + 30_000 }, key);
}

async function untilState(driver: SimDriver, id: string, state: string): Promise<void> {
  for (let i = 0; i < 200 && (await driver.domainState(id)).state !== state; i++) await new Promise((r) => setTimeout(r, 5));
  expect((await driver.domainState(id)).state).toBe(state);
}

describe('the host ops shell', () => {
  let driver: SimDriver;
  let shell: OpsShell;

  beforeAll(() => configureLogging({ level: 'silent' }));

  beforeEach(async () => {
    driver = new SimDriver({ hostName: HOST, capacity: { vcpus: 16, memoryMiB: 65536, diskGiB: 1000 }, bootMs: 1, guestShutdownMs: 1 });
    shell = new OpsShell({ facts: { hostId: HOST, zoneId: 'cn-test-a', rack: 'r1', hostClass: 'x86-general' }, driver, key, now: () => clock });
    await driver.defineDomain({ instanceId: 'i-one', vcpus: 2, memoryMiB: 4096, diskGiB: 40, imageId: 'img-1', hostName: 'one', mac: '00:16:3e:00:00:01', privateIp: '172.16.0.5', userData: 'dGVuYW50LXNlY3JldA==' });
    await driver.startDomain('i-one');
    await untilState(driver, 'i-one', 'running');
  });

  it('opens a session only for a fresh, bastion-signed credential naming this host', async () => {
    const why = async (open: Promise<unknown>) => open.then(() => 'opened', (e: unknown) => (e instanceof OpsCredentialRejectedError ? e.why : String(e)));
    expect(await why(shell.openSession(signOpsCredential({ hostId: HOST, sessionId: 'x', user: 'mallory', role: 'operator', expiresAt: clock + 1000 }, randomBytes(32))))).toBe('bad-signature');
    expect(await why(shell.openSession(credential('operator', { hostId: 'sim-other-001' })))).toBe('wrong-host');
    expect(await why(shell.openSession(credential('operator', { expiresAt: clock })))).toBe('expired');
    const once = credential('read-only');
    expect(await why(shell.openSession(once))).toBe('opened');
    expect(await why(shell.openSession(once))).toBe('replayed');
  });

  it('lets a read-only session look but not touch, and never shows the tenant user-data', async () => {
    const session = await shell.openSession(credential('read-only'));
    const list = await session.run('virsh list');
    expect(list).toMatchObject({ status: 'ok', command: 'virsh list' });
    expect(list.output).toMatch(/i-one\s+running/);
    const info = await session.run('virsh   dominfo i-one');
    expect(info.status).toBe('ok');
    expect(info.output).toMatch(/CPU\(s\):\s+2/);
    expect(info.output).not.toContain('dGVuYW50LXNlY3JldA');
    expect((await session.run('virsh console i-one --lines 3')).output).toContain('login:');
    for (const line of ['virsh start i-one', 'virsh shutdown i-one', 'virsh destroy i-one']) {
      const denied = await session.run(line);
      expect(denied.status).toBe('denied');
      expect(denied.output).toContain('needs the operator role');
    }
    expect((await driver.domainState('i-one')).state).toBe('running');
  });

  it('lets an operator power domains through the hypervisor, reporting its refusals as failures', async () => {
    const session = await shell.openSession(credential('operator'));
    expect(await session.run('virsh destroy i-one')).toMatchObject({ status: 'ok', command: 'virsh destroy' });
    expect((await driver.domainState('i-one')).state).toBe('shutoff');
    const again = await session.run('virsh destroy i-one');
    expect(again.status).toBe('failed');
    expect(again.output).toContain('cannot destroy domain i-one while it is shutoff');
    expect((await session.run('virsh start i-one')).status).toBe('ok');
    await untilState(driver, 'i-one', 'running');
    expect((await session.run('virsh shutdown i-one')).status).toBe('ok');
    await untilState(driver, 'i-one', 'shutoff');
    expect((await session.run('virsh dominfo i-nope')).output).toContain('domain i-nope is not defined');
  });

  it('refuses what is not on its allowlist, shell syntax included', async () => {
    const session = await shell.openSession(credential('operator'));
    for (const [line, name] of [['bash', 'bash'], ['rm -rf /', 'rm'], ['virsh undefine i-one', 'virsh undefine'], ['virsh', 'virsh'], ['hostinfo; reboot', 'hostinfo;']] as const) {
      expect(await session.run(line)).toMatchObject({ status: 'unknown', command: name });
    }
    expect((await session.run('virsh list\u0007')).status).toBe('unknown');
    expect((await session.run('virsh start i-one extra')).output).toContain('usage: virsh start <domain>');
    expect((await session.run('virsh dominfo ../../etc')).output).toContain('is not a domain name');
    expect((await driver.domainState('i-one')).state).toBe('running');
  });

  it('reports host facts from the hypervisor and explains itself', async () => {
    const session = await shell.openSession(credential('read-only'));
    clock += 3_720_000;
    expect((await session.run('uptime')).output).toMatch(/up 1:02, 1 domain running/);
    expect((await session.run('hostinfo')).output).toMatch(/Zone:\s+cn-test-a[\s\S]*2 of 16 claimed/);
    expect((await session.run('df')).output).toMatch(/domain-images\s+1000G\s+40G\s+960G\s+4%/);
    expect((await session.run('free')).output).toMatch(/Mem:\s+65536\s+4096\s+61440/);
    const help = (await session.run('help')).output;
    expect(help).toContain('virsh start <domain>');
    expect(help).toContain('[needs operator]');
  });

  it('runs lines in order and refuses lines after close', async () => {
    const session: OpsShellSession = await shell.openSession(credential('operator'));
    const results = await Promise.all([session.run('virsh destroy i-one'), session.run('virsh list --all'), session.run('virsh start i-one')]);
    expect(results.map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
    expect(results[1].output).toMatch(/i-one\s+shutoff/);
    await session.close();
    await expect(session.run('virsh list')).rejects.toBeInstanceOf(OpsSessionClosedError);
  });
});
