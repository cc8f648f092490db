import { randomBytes } from 'node:crypto';
import { signOpsCredential } from '@ecs/contracts';
import { SimDriver } from '@ecs/hypervisor';
import { configureLogging } from '@ecs/observability';
import { OpsShell } from '../ops-shell';
import { OPS_SESSION_IDLE_MS, OpsShellSessions } from './ops-shell-sessions';

const HOST = 'sim-test-001';

describe('ops-shell sessions held by the agent process', () => {
  const key = randomBytes(32);
  let clock = 1_000_000;
  let sessions: OpsShellSessions;
  const credential = (sessionId: string) => signOpsCredential({ hostId: HOST, sessionId, user: 'alice', role: 'read-only', expiresAt: clock + 30_000 }, key);

  beforeAll(() => configureLogging({ level: 'silent' }));
  beforeEach(() => {
    const driver = new SimDriver({ hostName: HOST, capacity: { vcpus: 16, memoryMiB: 65536, diskGiB: 1000 }, bootMs: 1, guestShutdownMs: 1 });
    sessions = new OpsShellSessions(new OpsShell({ facts: { hostId: HOST, zoneId: 'cn-test-a', rack: 'r1', hostClass: 'x86-general' }, driver, key, now: () => clock }), () => clock);
  });
  afterEach(() => sessions.closeAll());

  it('answers refusals in the body, so the bastion can throw the contract’s errors', async () => {
    const forged = signOpsCredential({ hostId: HOST, sessionId: 'bs-x', user: 'mallory', role: 'operator', expiresAt: clock + 30_000 }, randomBytes(32));
    expect(await sessions.open({ credential: forged })).toEqual({ opened: false, why: 'bad-signature' });
    expect(await sessions.open({} as never)).toEqual({ opened: false, why: 'malformed' });
    expect(await sessions.run({ handle: 'no-such-handle', line: 'virsh list' })).toEqual({ closed: true });
  });

  it('runs lines by the handle it made up, and forgets a session once closed', async () => {
    const opened = await sessions.open({ credential: credential('bs-1') });
    if (!opened.opened) throw new Error('not opened');
    expect(opened.handle).not.toContain('bs-1');
    expect(await sessions.run({ handle: opened.handle, line: 'hostinfo' })).toMatchObject({ closed: false, result: { status: 'ok', command: 'hostinfo' } });
    await sessions.close({ handle: opened.handle });
    await sessions.close({ handle: opened.handle });
    expect(await sessions.run({ handle: opened.handle, line: 'hostinfo' })).toEqual({ closed: true });
    expect(sessions.size).toBe(0);
  });

  it('expires a session left idle, however the bastion lost it', async () => {
    const opened = await sessions.open({ credential: credential('bs-2') });
    if (!opened.opened) throw new Error('not opened');
    clock += OPS_SESSION_IDLE_MS - 1;
    expect(await sessions.run({ handle: opened.handle, line: 'uptime' })).toMatchObject({ closed: false });
    clock += OPS_SESSION_IDLE_MS + 1;
    expect(await sessions.run({ handle: opened.handle, line: 'uptime' })).toEqual({ closed: true });
    expect(sessions.size).toBe(0);
  });
});
