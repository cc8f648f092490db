import { OpsSessionClosedError, roleCovers, type OpsCommandResult, type OpsSessionClaims, type OpsShellSession } from '@ecs/contracts';
import { HypervisorError } from '@ecs/hypervisor';
import type { Logger } from '@ecs/observability';
import { resolveCommand } from './command-table';
import { splitWords } from './command-line';
import { OpsCommandError, type OpsCommandContext } from './commands/ops-command';

/** How an unknown line is named in the audit: the program, or `virsh <subcommand>`. */
function nameOfUnknown(words: readonly string[]): string {
  return (words[0] === 'virsh' ? words.slice(0, 2) : words.slice(0, 1)).join(' ').slice(0, 64);
}

/**
 * One ops-shell session: a line interpreter over the allowlisted commands with the role its
 * credential carried. Lines run strictly one after another; nothing is shared with other sessions.
 */
export class InterpretingSession implements OpsShellSession {
  private closed = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly claims: OpsSessionClaims,
    private readonly context: OpsCommandContext,
    private readonly log: Logger,
  ) {}

  get sessionId(): string {
    return this.claims.sessionId;
  }

  get role(): OpsSessionClaims['role'] {
    return this.claims.role;
  }

  run(line: string): Promise<OpsCommandResult> {
    if (this.closed) return Promise.reject(new OpsSessionClosedError(this.sessionId));
    const result = this.queue.then(() => this.interpret(line));
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.log.info('ops session closed', { sessionId: this.sessionId, user: this.claims.user });
  }

  private async interpret(line: string): Promise<OpsCommandResult> {
    if (this.closed) throw new OpsSessionClosedError(this.sessionId);
    const result = await this.evaluate(line);
    if (result.command !== '') this.log.info('ops command', { sessionId: this.sessionId, user: this.claims.user, role: this.role, command: result.command, status: result.status });
    return result;
  }

  private async evaluate(line: string): Promise<OpsCommandResult> {
    const words = splitWords(line);
    if (!words) return { status: 'unknown', command: '(unreadable line)', output: 'ops-shell: line refused: control characters or longer than the shell reads\n' };
    if (!words.length) return { status: 'ok', command: '', output: '' };
    const resolved = resolveCommand(words);
    if (!resolved) {
      const name = nameOfUnknown(words);
      return { status: 'unknown', command: name, output: `ops-shell: ${name}: command not found (type 'help'; this is not a system shell)\n` };
    }
    const { command, args } = resolved;
    const name = command.words.join(' ');
    if (!roleCovers(this.role, command.minRole)) {
      return { status: 'denied', command: name, output: `ops-shell: ${name}: permission denied: needs the ${command.minRole} role, this session is ${this.role}\n` };
    }
    try {
      return { status: 'ok', command: name, output: await command.run(args, this.context) };
    } catch (error) {
      if (error instanceof OpsCommandError || error instanceof HypervisorError) return { status: 'failed', command: name, output: `${error instanceof OpsCommandError ? '' : 'error: '}${error.message}\n` };
      this.log.error('ops command crashed', { sessionId: this.sessionId, command: name, error });
      return { status: 'failed', command: name, output: 'error: the host could not run the command\n' };
    }
  }
}
