import type { OpsCommandResult, OpsShellSession } from '@ecs/contracts';
import { configureLogging } from '@ecs/observability';
import type { AuditLog } from '../audit/audit-log';
import type { AuditEntry } from '../audit/audit-entry';
import { AsciicastRecorder } from './asciicast-recorder';
import { TerminalSession, type SessionEndReason } from './terminal-session';

class FakeShell implements OpsShellSession {
  readonly sessionId = 'bs-1';
  readonly role = 'operator' as const;
  readonly lines: string[] = [];
  closed = false;
  answer: (line: string) => Promise<OpsCommandResult> = async (line) => ({ status: 'ok', command: line.split(' ')[0], output: `ran ${line}\nsecond line\n` });

  run(line: string): Promise<OpsCommandResult> {
    this.lines.push(line);
    return this.answer(line);
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

function harness(options: { auditFails?: boolean; idleTimeoutMs?: number } = {}) {
  const shell = new FakeShell();
  const sent: string[] = [];
  const closes: [number, string][] = [];
  const audited: AuditEntry[] = [];
  const ended: [string, SessionEndReason][] = [];
  const recorded: string[] = [];
  const audit = {
    record: async (entry: AuditEntry) => {
      if (options.auditFails && entry.action === 'command') throw new Error('database gone');
      audited.push(entry);
    },
  } as unknown as AuditLog;
  const recorder = new AsciicastRecorder('bs-1', 0, { appendRecording: async (_id, _no, body) => void recorded.push(body) }, () => 0, () => undefined);
  const session = new TerminalSession(
    { sessionId: 'bs-1', username: 'ada', hostId: 'h-1', role: 'operator', grantIds: ['g-1'], clientAddress: '127.0.0.1', startedAt: 0 },
    { send: (text) => sent.push(text), close: (code, reason) => closes.push([code, reason]) },
    shell,
    recorder,
    { audit, endRecord: async (id, _at, reason) => void ended.push([id, reason]), onEnded: () => undefined, now: () => 0, idleTimeoutMs: options.idleTimeoutMs ?? 60_000 },
  );
  recorder.start({ width: 80, height: 24, title: 't' });
  session.open();
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
  return { session, shell, sent, closes, audited, ended, recorded, settle, screen: () => sent.join('') };
}

describe('TerminalSession', () => {
  beforeAll(() => configureLogging({ level: 'silent' }));

  it('runs typed-ahead lines one at a time, in order, each answered and audited before the next', async () => {
    const t = harness();
    let release: () => void = () => undefined;
    t.shell.answer = (line) => new Promise((resolve) => {
      if (line === 'slow') release = () => resolve({ status: 'ok', command: 'slow', output: 'slow done\n' });
      else resolve({ status: 'failed', command: line, output: `error: ${line}\n` });
    });
    t.session.input('slow\rfast\r');
    await t.settle();
    expect(t.shell.lines).toEqual(['slow']);
    release();
    await t.settle();
    expect(t.shell.lines).toEqual(['slow', 'fast']);
    expect(t.screen()).toMatch(/\$ slow\r\nslow done\r\n\[ada@h-1 operator\]\$ fast\r\nerror: fast\r\n\[ada@h-1 operator\]\$ $/);
    expect(t.audited.filter((e) => e.action === 'command').map((e) => [e.detail?.line, e.outcome])).toEqual([['slow', 'ok'], ['fast', 'failed']]);
  });

  it('never sends a blocked line to the host', async () => {
    const t = harness();
    t.session.input('bash -i\r');
    await t.settle();
    expect(t.shell.lines).toEqual([]);
    expect(t.screen()).toContain('blocked by policy (shell-or-escape)');
    expect(t.audited.at(-1)).toMatchObject({ action: 'command', outcome: 'blocked', detail: { line: 'bash -i', command: 'bash', rule: 'shell-or-escape' } });
  });

  it('ends on exit, closing the host session, the recording and the record, once', async () => {
    const t = harness();
    t.session.input('df\rexit\rfree\r');
    await t.settle();
    expect(t.shell.lines).toEqual(['df']);
    expect(t.closes).toEqual([[1000, 'user-exit']]);
    expect(t.shell.closed).toBe(true);
    expect(t.ended).toEqual([['bs-1', 'user-exit']]);
    expect(t.audited.at(-1)).toMatchObject({ action: 'session.close', detail: { reason: 'user-exit' } });
    await t.session.end('killed');
    expect(t.closes).toHaveLength(1);
    expect(t.recorded.join('')).toContain('ran df');
  });

  it('tells the user why the bastion ended the session, and shows nothing after', async () => {
    const t = harness();
    await t.session.end('grant-revoked');
    t.session.input('df\r');
    await t.settle();
    expect(t.closes).toEqual([[4001, 'grant-revoked']]);
    expect(t.screen()).toMatch(/\[bastion\] session ended: your access to this host was revoked\r\n$/);
    expect(t.shell.lines).toEqual([]);
  });

  it('fails closed: no audit trail, no session; a host that stops answering ends it too', async () => {
    const noAudit = harness({ auditFails: true });
    noAudit.session.input('df\r');
    await noAudit.settle();
    expect(noAudit.closes).toEqual([[4004, 'audit-unavailable']]);
    const lostHost = harness();
    lostHost.shell.answer = () => Promise.reject(new Error('connection reset'));
    lostHost.session.input('df\r');
    await lostHost.settle();
    expect(lostHost.closes).toEqual([[4003, 'host-unreachable']]);
  });

  it('ends a flood of input and an idle session', async () => {
    const flood = harness();
    flood.session.input('x'.repeat(70 * 1024));
    await flood.settle();
    expect(flood.closes).toEqual([[4005, 'input-flood']]);
    const idle = harness({ idleTimeoutMs: 30 });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(idle.closes).toEqual([[4006, 'idle-timeout']]);
  });
});
