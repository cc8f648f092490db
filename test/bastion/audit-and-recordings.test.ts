import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { BastionEndpoint } from '@ecs/contracts';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform-harness';
import { bastionEndpoint, call, connectionToken, createOperator, fetchText, grant, Terminal, terminalUrl, type Operator } from './support/bastion-client';

interface Verdict {
  ok: boolean;
  entries: number;
  headSeq: number;
  headHash: string;
  firstBadSeq?: number;
  problem?: string;
}

/** Session recordings for auditors only, and an audit log whose tampering the verify command proves. */
describe('bastion audit log and recordings', () => {
  let platform: TestPlatform;
  let bastion: BastionEndpoint;
  let hostId: string;
  let pia: Operator;
  let auditor: Operator;
  let admin: Operator;
  let sessionId: string;

  beforeAll(async () => {
    platform = await startTestPlatform({ ECS_CONSOLE_PORT: '0' });
    bastion = bastionEndpoint(platform.dataDir);
    hostId = platform.fleet.hosts[0].registration.hostId;
    pia = await createOperator(bastion, 'pia');
    auditor = await createOperator(bastion, 'quinn', ['auditor']);
    admin = await createOperator(bastion, 'ada', ['admin']);
    await grant(bastion, { user: 'pia', host: hostId, role: 'operator' });
    const { body } = await connectionToken(bastion.url, pia, hostId);
    const terminal = await Terminal.open(terminalUrl(bastion.url, hostId, body.token));
    await terminal.run('hostinfo');
    await terminal.run('bash -i');
    terminal.ws.send('exit\r');
    await terminal.closed;
    const sessions = await eventually(
      () => call<{ recent: { sessionId: string; username: string; endedAt: string | null }[] }>(bastion.url, 'GET', '/bastion/v1/sessions', { token: auditor.session }),
      ({ body: listed }) => listed.recent.some((s) => s.username === 'pia' && s.endedAt !== null),
      5_000,
      "pia's session to end",
    );
    sessionId = sessions.body.recent.find((s) => s.username === 'pia')!.sessionId;
  });
  afterAll(async () => platform.dispose());

  it('gives auditors the session as an asciicast v2 recording', async () => {
    const recording = await fetchText(bastion.url, `/bastion/v1/sessions/${sessionId}/recording`, auditor.session);
    expect(recording.status).toBe(200);
    const [header, ...events] = recording.body.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown);
    expect(header).toMatchObject({ version: 2, width: 80, height: 24, title: `pia@${hostId} (operator)` });
    expect(events.length).toBeGreaterThan(3);
    for (const event of events) expect(event).toEqual([expect.any(Number), 'o', expect.any(String)]);
    const times = events.map((e) => (e as [number])[0]);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const shown = events.map((e) => (e as [number, string, string])[2]).join('');
    expect(shown).toContain(`Host:       ${hostId}`);
    expect(shown).toContain('bash -i\r\nbastion: command blocked by policy');
  });

  it('refuses the replay to anyone without the auditor role (the user themself and admins included), and audits it', async () => {
    for (const token of [pia.session, admin.session, bastion.adminToken]) {
      const refused = await call(bastion.url, 'GET', `/bastion/v1/sessions/${sessionId}/recording`, { token });
      expect(refused).toEqual({ status: 403, body: { Code: 'Forbidden', Message: 'Only users with the auditor role may replay recordings.' } });
    }
    expect((await call(bastion.url, 'GET', `/bastion/v1/sessions/${sessionId}/recording`)).status).toBe(401);
    const { body } = await call<{ entries: { actor: string; action: string; outcome: string; sessionId: string }[] }>(bastion.url, 'GET', '/bastion/v1/audit?limit=1000', { token: auditor.session });
    const replays = body.entries.filter((e) => e.action === 'recording.replay');
    expect(replays.map((e) => [e.actor, e.outcome, e.sessionId])).toEqual([
      ['quinn', 'ok', sessionId],
      ['pia', 'refused', sessionId],
      ['ada', 'refused', sessionId],
      ['@bootstrap', 'refused', sessionId],
    ]);
    expect((await call(bastion.url, 'GET', '/bastion/v1/audit', { token: admin.session })).status).toBe(403);
  });

  it('records logins, grants, the session and each command with its outcome, in one chain', async () => {
    const { body } = await call<{ entries: { seq: number; actor: string; action: string; outcome: string; sessionId: string | null; detail: Record<string, unknown> }[]; nextAfter: number | null }>(bastion.url, 'GET', '/bastion/v1/audit?limit=1000', { token: auditor.session });
    expect(body.entries.map((e) => e.seq)).toEqual(body.entries.map((_e, i) => i + 1));
    const pias = body.entries.filter((e) => e.actor === 'pia').map((e) => `${e.action}:${e.outcome}`);
    expect(pias).toEqual(['login.password:ok', 'login.enrol:ok', 'token.issue:ok', 'session.open:ok', 'command:ok', 'command:blocked', 'session.close:ok', 'recording.replay:refused']);
    expect(body.entries.filter((e) => e.actor === '@bootstrap' && e.action === 'grant.create')).toHaveLength(1);
    const page = await call<{ entries: { seq: number }[]; nextAfter: number | null }>(bastion.url, 'GET', '/bastion/v1/audit?after=2&limit=3', { token: auditor.session });
    expect(page.body).toEqual({ entries: [expect.objectContaining({ seq: 3 }), expect.objectContaining({ seq: 4 }), expect.objectContaining({ seq: 5 })], nextAfter: 5 });
  });

  it('verifies an intact chain, and pins rows someone cut or edited behind its back', async () => {
    const intact = await call<Verdict>(bastion.url, 'GET', '/bastion/v1/audit/verify', { token: auditor.session });
    expect(intact.status).toBe(200);
    expect(intact.body).toMatchObject({ ok: true, headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(intact.body.entries).toBeGreaterThan(10);

    // Someone with write access to the database first cuts the newest row off the end…
    const sqlite = new BetterSqlite3(join(platform.dataDir, 'ecs.sqlite'));
    const last = sqlite.prepare('SELECT MAX(seq) AS seq FROM bastion_audit').get() as { seq: number };
    expect(sqlite.prepare('DELETE FROM bastion_audit WHERE seq = ?').run(last.seq).changes).toBe(1);
    const cut = await call<Verdict>(bastion.url, 'GET', '/bastion/v1/audit/verify', { token: auditor.session });
    expect(cut.body).toMatchObject({ ok: false, firstBadSeq: last.seq, problem: `the log ends at row ${last.seq - 1} but its head is row ${last.seq}` });

    // …then turns the blocked shell escape into a harmless success.
    const row = sqlite.prepare("SELECT seq FROM bastion_audit WHERE action = 'command' AND outcome = 'blocked'").get() as { seq: number };
    expect(sqlite.prepare("UPDATE bastion_audit SET outcome = 'ok' WHERE seq = ?").run(row.seq).changes).toBe(1);
    sqlite.close();

    const tampered = await call<Verdict>(bastion.url, 'GET', '/bastion/v1/audit/verify', { token: auditor.session });
    expect(tampered.body).toMatchObject({ ok: false, firstBadSeq: row.seq, problem: `row ${row.seq} was altered`, headSeq: row.seq - 1 });
  });
});
