import type { IncomingMessage, Server } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { TERMINAL_CLOSE_CODES } from '@ecs/contracts';
import { createLogger } from '@ecs/observability';
import { BastionError } from '../errors/bastion-error';
import type { OpenTerminal, AuthorisedTerminal } from '../use-cases/connect/open-terminal.use-case';
import type { TerminalSession } from '../terminal/terminal-session';

const TERMINAL_PATH = /^\/bastion\/v1\/hosts\/([^/]{1,200})\/terminal$/;
/** A keystroke burst or a paste; anything bigger is not typing. */
const MAX_FRAME_BYTES = 64 * 1024;
const CLOSE_GRACE_MS = 500;

const log = createLogger('bastion.terminal-gateway');

/**
 * The terminal WebSocket endpoint, `GET /bastion/v1/hosts/{hostId}/terminal?token=…`. Everything
 * that can refuse a connection (token, host, grant, the host's acceptance) happens before the
 * upgrade, so a refusal is an ordinary HTTP status with a `{Code, Message}` body.
 */
export class TerminalGateway {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  constructor(private readonly openTerminal: OpenTerminal) {}

  attach(server: Server): void {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => void this.upgrade(request, socket, head));
  }

  /** Drops connections whose sessions have already been ended (and said why). */
  async close(): Promise<void> {
    if (this.wss.clients.size) await new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref());
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', (error) => log.debug('terminal socket error', { error }));
    const url = new URL(request.url ?? '/', 'http://bastion.invalid');
    const match = TERMINAL_PATH.exec(url.pathname);
    if (!match) return refuse(socket, new BastionError('NotFound'));
    if (!sameOrigin(request)) return refuse(socket, new BastionError('OriginNotAllowed'));
    let authorised: AuthorisedTerminal;
    try {
      authorised = await this.openTerminal.authorise({
        hostId: safeDecode(match[1]),
        token: url.searchParams.get('token') ?? '',
        cols: url.searchParams.get('cols') ?? undefined,
        rows: url.searchParams.get('rows') ?? undefined,
        clientAddress: request.socket.remoteAddress ?? 'unknown',
      });
    } catch (error) {
      if (!(error instanceof BastionError)) log.error('terminal authorisation failed', { error });
      return refuse(socket, error instanceof BastionError ? error : new BastionError('InternalError'));
    }
    if (socket.destroyed) {
      await authorised.shell.close();
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.run(authorised, ws));
  }

  private run(authorised: AuthorisedTerminal, ws: WebSocket): void {
    // Listeners go on at once: input sent before the session is ready is kept, not lost.
    let session: TerminalSession | undefined;
    let disconnected = false;
    const early: string[] = [];
    ws.on('message', (data: RawData) => {
      const text = textOf(data);
      if (session) session.input(text);
      else early.push(text);
    });
    ws.on('close', () => {
      disconnected = true;
      void session?.end('client-disconnected');
    });
    ws.on('error', (error) => log.debug('terminal websocket error', { error }));
    const socket = {
      send: (text: string) => {
        if (ws.readyState === ws.OPEN) ws.send(text);
      },
      close: (code: number, reason: string) => ws.close(code, reason),
    };
    this.openTerminal.start(authorised, socket).then(
      (started) => {
        session = started;
        for (const text of early.splice(0)) started.input(text);
        if (disconnected) void started.end('client-disconnected');
      },
      async (error: unknown) => {
        log.error('terminal session could not start', { sessionId: authorised.info.sessionId, error });
        ws.close(TERMINAL_CLOSE_CODES['internal-error'], 'internal-error');
        await authorised.shell.close();
      },
    );
  }
}

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data).toString('utf8');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Browsers always send Origin on WebSockets: a page from elsewhere must not drive a terminal. */
function sameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

function refuse(socket: Duplex, error: BastionError): void {
  const body = JSON.stringify(error.toBody());
  socket.end(
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? ''}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
