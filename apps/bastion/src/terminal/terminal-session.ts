import { TERMINAL_CLOSE_CODES, type OpsRole, type OpsShellSession, type TerminalCloseReason } from '@ecs/contracts';
import { createLogger } from '@ecs/observability';
import type { AuditLog } from '../audit/audit-log';
import type { AuditDetail, AuditOutcome } from '../audit/audit-entry';
import type { AsciicastRecorder } from './asciicast-recorder';
import { checkCommand } from './command-policy';
import { LineEditor } from './line-editor';

/** A session ends for one of the bastion's reasons, or because the client went away. */
export type SessionEndReason = TerminalCloseReason | 'client-disconnected';

export interface LiveSessionInfo {
  readonly sessionId: string;
  readonly username: string;
  readonly hostId: string;
  readonly role: OpsRole;
  /** The grants that authorised it, to tell a revocation from an expiry when access goes. */
  readonly grantIds: readonly string[];
  readonly clientAddress: string;
  readonly startedAt: number;
}

/** The client end of the terminal (a WebSocket in the bastion). */
export interface TerminalSocket {
  send(text: string): void;
  close(code: number, reason: string): void;
}

export interface TerminalSessionDeps {
  readonly audit: AuditLog;
  /** Records the end of the session. */
  readonly endRecord: (sessionId: string, endedAt: number, reason: SessionEndReason) => Promise<unknown>;
  readonly onEnded: (sessionId: string) => void;
  readonly now: () => number;
  readonly idleTimeoutMs: number;
}

/** Typed-ahead input beyond this is a flood, not an operator. */
const MAX_PENDING_CHARS = 64 * 1024;

const FAREWELL: Record<SessionEndReason, string | undefined> = {
  'user-exit': undefined,
  'client-disconnected': undefined,
  'bastion-stopping': 'the bastion is shutting down',
  'internal-error': 'an internal error occurred',
  killed: 'an administrator ended this session',
  'grant-revoked': 'your access to this host was revoked',
  'grant-expired': 'your grant for this host expired',
  'host-unreachable': "the host's ops shell stopped answering",
  'audit-unavailable': 'the audit trail cannot be written, so the session cannot go on',
  'input-flood': 'too much input at once',
  'idle-timeout': 'idle for too long',
};

class AuditUnavailableError extends Error {}

const log = createLogger('bastion.terminal');

/**
 * One live terminal: keystrokes from the client go through the line editor; each complete line is
 * checked against the blocklist, run on the host's ops shell, answered and audited with its
 * outcome, strictly one after another. Everything shown to the client is recorded.
 */
export class TerminalSession {
  private readonly editor = new LineEditor();
  private work: Promise<void> = Promise.resolve();
  private pendingChars = 0;
  private ending: Promise<void> | undefined;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly info: LiveSessionInfo,
    private readonly socket: TerminalSocket,
    private readonly shell: OpsShellSession,
    private readonly recorder: AsciicastRecorder,
    private readonly deps: TerminalSessionDeps,
  ) {}

  get ended(): boolean {
    return this.ending !== undefined;
  }

  open(): void {
    const { username, hostId, role } = this.info;
    this.write(`Connected to ${hostId} as ${username} (${role}) through the ECS ops bastion.\r\nThis session is recorded and every command is audited. Type 'help' for commands, 'exit' to leave.\r\n`);
    this.prompt();
    this.touch();
  }

  /** Raw terminal input from the client. */
  input(data: string): void {
    if (this.ending) return;
    this.touch();
    this.pendingChars += data.length;
    if (this.pendingChars > MAX_PENDING_CHARS) {
      void this.end('input-flood');
      return;
    }
    this.work = this.work.then(() => this.consume(data)).catch((error: unknown) => this.fail(error));
  }

  /** Ends the session once, for the first reason given; later calls wait for the same end. */
  end(reason: SessionEndReason): Promise<void> {
    this.ending ??= this.finish(reason);
    return this.ending;
  }

  private async consume(data: string): Promise<void> {
    this.pendingChars -= data.length;
    for (const event of this.editor.press(data)) {
      if (this.ending) return;
      switch (event.kind) {
        case 'echo':
          this.write(event.text);
          break;
        case 'line':
          await this.runLine(event.text.trim());
          break;
        case 'interrupt':
          this.prompt();
          break;
        case 'eof':
          await this.end('user-exit');
          return;
      }
    }
  }

  private async runLine(line: string): Promise<void> {
    if (line === 'exit' || line === 'logout') {
      await this.end('user-exit');
      return;
    }
    if (line !== '') {
      const verdict = checkCommand(line);
      if (verdict.blocked) {
        this.write(`bastion: command blocked by policy (${verdict.rule}); the attempt is audited\r\n`);
        await this.auditCommand('blocked', line, { command: line.split(/\s+/)[0].slice(0, 64), rule: verdict.rule ?? null });
      } else {
        const result = await this.shell.run(line);
        this.write(result.output.replace(/\r?\n/g, '\r\n'));
        await this.auditCommand(result.status, line, { command: result.command });
      }
    }
    this.prompt();
  }

  private async auditCommand(outcome: AuditOutcome, line: string, detail: AuditDetail): Promise<void> {
    const { username, hostId, sessionId } = this.info;
    try {
      await this.deps.audit.record({ actor: username, action: 'command', target: hostId, outcome, sessionId, detail: { line, ...detail } });
    } catch (error) {
      log.error('command audit failed', { sessionId, error });
      throw new AuditUnavailableError();
    }
  }

  private fail(error: unknown): Promise<void> {
    if (error instanceof AuditUnavailableError) return this.end('audit-unavailable');
    log.warn('ops shell failed', { sessionId: this.info.sessionId, error });
    return this.end('host-unreachable');
  }

  private prompt(): void {
    if (!this.ending) this.write(`[${this.info.username}@${this.info.hostId} ${this.info.role}]$ `);
  }

  private write(text: string): void {
    if (this.ending) return;
    this.recorder.output(text);
    this.socket.send(text);
  }

  private touch(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => void this.end('idle-timeout'), this.deps.idleTimeoutMs);
    this.idleTimer.unref();
  }

  private async finish(reason: SessionEndReason): Promise<void> {
    const { sessionId, username, hostId } = this.info;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const farewell = FAREWELL[reason];
    if (farewell) {
      const text = `\r\n[bastion] session ended: ${farewell}\r\n`;
      this.recorder.output(text);
      this.socket.send(text);
    }
    if (reason !== 'client-disconnected') this.socket.close(TERMINAL_CLOSE_CODES[reason], reason);
    await this.shell.close().catch((error: unknown) => log.warn('closing the ops shell session failed', { sessionId, error }));
    await this.recorder.finish();
    const endedAt = this.deps.now();
    await this.deps.endRecord(sessionId, endedAt, reason).catch((error: unknown) => log.error('session end not stored', { sessionId, error }));
    await this.deps.audit
      .record({ actor: username, action: 'session.close', target: hostId, outcome: 'ok', sessionId, detail: { reason, seconds: Math.round((endedAt - this.info.startedAt) / 1000) } })
      .catch((error: unknown) => log.error('session close not audited', { sessionId, error }));
    this.deps.onEnded(sessionId);
  }
}
