import { connect, type Socket } from 'node:net';

/** An asynchronous QMP event, e.g. SHUTDOWN, RESET, STOP, GUEST_PANICKED. */
export interface QmpEvent {
  readonly event: string;
  readonly data: Record<string, unknown>;
}

/** QEMU answered a command with an error object. */
export class QmpCommandError extends Error {
  constructor(
    readonly command: string,
    readonly errorClass: string,
    desc: string,
  ) {
    super(`QMP ${command} failed: ${errorClass}: ${desc}`);
    this.name = 'QmpCommandError';
  }
}

/** The monitor went away (QEMU exited or closed the connection) before a reply arrived. */
export class QmpClosedError extends Error {
  constructor(what: string) {
    super(`QMP connection closed ${what}`);
    this.name = 'QmpClosedError';
  }
}

export class QmpTimeoutError extends Error {
  constructor(what: string, timeoutMs: number) {
    super(`QMP ${what} timed out after ${timeoutMs} ms`);
    this.name = 'QmpTimeoutError';
  }
}

interface Pending {
  readonly command: string;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

type Message = Record<string, unknown>;

/**
 * One QMP session over a unix socket: QEMU's greeting, capability negotiation, id-tagged commands
 * and events. QMP frames are JSON objects, one per line. QEMU serves one client per monitor, so a
 * session must be closed before another can be opened.
 */
export class QmpClient {
  private readonly pending = new Map<number, Pending>();
  private readonly eventListeners = new Set<(event: QmpEvent) => void>();
  private readonly closeListeners = new Set<() => void>();
  private buffered = '';
  private nextId = 1;
  private closed = false;

  private constructor(
    private readonly socket: Socket,
    private readonly commandTimeoutMs: number,
  ) {}

  /**
   * Connects, waits for the greeting and leaves capability negotiation mode, all within `timeoutMs`.
   * @throws QmpTimeoutError, QmpClosedError or the socket's connect error (ENOENT, ECONNREFUSED).
   */
  static async open(socketPath: string, timeoutMs: number): Promise<QmpClient> {
    const socket = connect(socketPath);
    const client = new QmpClient(socket, timeoutMs);
    try {
      await client.handshake(timeoutMs);
      return client;
    } catch (error) {
      client.close();
      throw error;
    }
  }

  /** Runs a command and resolves with its `return` value. */
  execute<T = unknown>(command: string, args?: Record<string, unknown>): Promise<T> {
    if (this.closed) return Promise.reject(new QmpClosedError(`before ${command}`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new QmpTimeoutError(command, this.commandTimeoutMs));
      }, this.commandTimeoutMs);
      timer.unref();
      this.pending.set(id, { command, resolve: resolve as (value: unknown) => void, reject, timer });
      this.socket.write(JSON.stringify({ execute: command, ...(args ? { arguments: args } : {}), id }) + '\n');
    });
  }

  onEvent(listener: (event: QmpEvent) => void): void {
    this.eventListeners.add(listener);
  }

  /** Called once when the session ends for any reason, including {@link close}. */
  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.add(listener);
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  close(): void {
    this.socket.destroy();
    this.finish();
  }

  private handshake(timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (error?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      const timer = setTimeout(() => settle(new QmpTimeoutError('greeting', timeoutMs)), timeoutMs);
      timer.unref();
      this.socket.on('error', (error) => {
        settle(error);
        this.finish();
      });
      this.socket.on('close', () => {
        settle(new QmpClosedError('before the handshake finished'));
        this.finish();
      });
      this.socket.setEncoding('utf8');
      this.socket.on('data', (chunk: string) => {
        for (const message of this.frames(chunk)) {
          if ('QMP' in message) this.execute('qmp_capabilities').then(() => settle(), settle);
          else this.dispatch(message);
        }
      });
    });
  }

  /** Whole frames received so far; garbage on the wire ends the session (it cannot be resynchronised). */
  private frames(chunk: string): Message[] {
    this.buffered += chunk;
    const lines = this.buffered.split('\n');
    this.buffered = lines.pop() ?? '';
    const messages: Message[] = [];
    for (const line of lines) {
      if (line.trim() === '') continue;
      const message = parseFrame(line);
      if (!message) {
        this.close();
        return [];
      }
      messages.push(message);
    }
    return messages;
  }

  private dispatch(message: Message): void {
    if (typeof message.event === 'string') {
      const event: QmpEvent = { event: message.event, data: (message.data as Record<string, unknown> | undefined) ?? {} };
      for (const listener of this.eventListeners) listener(event);
      return;
    }
    if (typeof message.id !== 'number') return;
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    clearTimeout(pending.timer);
    const error = message.error as { class?: string; desc?: string } | undefined;
    if (error) pending.reject(new QmpCommandError(pending.command, error.class ?? 'Unknown', error.desc ?? ''));
    else pending.resolve(message.return);
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      this.pending.delete(id);
      pending.reject(new QmpClosedError(`during ${pending.command}`));
    }
    for (const listener of this.closeListeners) listener();
    this.closeListeners.clear();
  }
}

function parseFrame(line: string): Message | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Message) : undefined;
  } catch {
    return undefined;
  }
}
