import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { signOpsCredential, type OpsShellDirectory, type OpsShellSession } from '@ecs/contracts';
import { createLogger } from '@ecs/observability';
import type { BastionDeps } from '../../bastion-deps';
import { BastionError } from '../../errors/bastion-error';
import { tokenDigest } from '../../identity/secret-token';
import { AsciicastRecorder } from '../../terminal/asciicast-recorder';
import type { LiveSessions } from '../../terminal/live-sessions';
import { TerminalSession, type LiveSessionInfo, type TerminalSocket } from '../../terminal/terminal-session';
import { hostId } from '../names';
import { validate } from '../validate';

/** The host must see the session open within this long of the bastion signing it. */
const CREDENTIAL_TTL_MS = 30_000;
const IDLE_TIMEOUT_MS = 30 * 60_000;
const ANONYMOUS = '@anonymous';

/** The size only labels the recording: an odd value is clamped or defaulted, never a reason to refuse. */
function terminalSize(fallback: number, min: number, max: number) {
  return z.coerce
    .number()
    .int()
    .catch(fallback)
    .transform((n) => Math.min(max, Math.max(min, n)));
}

const schema = z.object({
  hostId,
  token: z.string().regex(/^[A-Za-z0-9_-]{20,128}$/, 'a connection token'),
  cols: terminalSize(80, 20, 500),
  rows: terminalSize(24, 5, 200),
  clientAddress: z.string().max(64),
});

/** A terminal the bastion has authorised and the host has accepted, waiting for its WebSocket. */
export interface AuthorisedTerminal {
  readonly info: LiveSessionInfo;
  readonly shell: OpsShellSession;
  readonly size: { readonly width: number; readonly height: number };
}

const log = createLogger('bastion.open-terminal');

/**
 * Opening a terminal, in two steps around the WebSocket upgrade. `authorise` runs before it, so
 * every refusal is a plain HTTP answer: the token is spent (once, whatever happens next), must be
 * for this host, the grant is checked again, and the host must accept a credential the bastion
 * signs for this one session and role. `start` then records and runs the session.
 */
export class OpenTerminal {
  constructor(
    private readonly deps: BastionDeps,
    private readonly shells: OpsShellDirectory,
    private readonly agentKey: Buffer,
    private readonly live: LiveSessions,
  ) {}

  async authorise(raw: unknown): Promise<AuthorisedTerminal> {
    const { tokens, policy, now } = this.deps;
    const request = validate(schema, raw);
    const spent = await tokens.spend(tokenDigest(request.token), 'connect', now());
    if (!spent.spent) {
      await this.refuse(spent.token?.username ?? ANONYMOUS, request.hostId, `token-${spent.why}`, request.clientAddress);
      throw new BastionError(spent.why === 'used' ? 'ConnectionTokenUsed' : 'InvalidConnectionToken');
    }
    const { username } = spent.token;
    if (spent.token.hostId !== request.hostId) {
      await this.refuse(username, request.hostId, 'token-for-another-host', request.clientAddress);
      throw new BastionError('TokenHostMismatch');
    }
    const access = await policy.authorise(username, request.hostId, now());
    if (!access) {
      await this.refuse(username, request.hostId, 'no-grant', request.clientAddress);
      throw new BastionError('NoGrant');
    }
    const host = this.shells.shellFor(request.hostId);
    const sessionId = `bs-${randomUUID()}`;
    const credential = signOpsCredential({ hostId: request.hostId, sessionId, user: username, role: access.role, expiresAt: now() + CREDENTIAL_TTL_MS }, this.agentKey);
    const shell = await host?.openSession(credential).catch((error: unknown) => {
      log.warn('host refused or failed to open an ops session', { hostId: request.hostId, error });
      return undefined;
    });
    if (!shell) {
      await this.refuse(username, request.hostId, 'host-unreachable', request.clientAddress);
      throw new BastionError('HostUnreachable');
    }
    return {
      info: { sessionId, username, hostId: request.hostId, role: access.role, grantIds: access.grantIds, clientAddress: request.clientAddress, startedAt: now() },
      shell,
      size: { width: request.cols, height: request.rows },
    };
  }

  /** Records the session's start and hands the socket to a live terminal session. */
  async start(authorised: AuthorisedTerminal, socket: TerminalSocket): Promise<TerminalSession> {
    const { info, shell, size } = authorised;
    const { sessions, audit, now } = this.deps;
    await sessions.start({ sessionId: info.sessionId, username: info.username, hostId: info.hostId, role: info.role, clientAddress: info.clientAddress, startedAt: info.startedAt });
    await audit.record({ actor: info.username, action: 'session.open', target: info.hostId, outcome: 'ok', sessionId: info.sessionId, detail: { role: info.role, client: info.clientAddress } });
    const recorder = new AsciicastRecorder(info.sessionId, info.startedAt, sessions, now, () => void this.live.get(info.sessionId)?.end('audit-unavailable'));
    const session = new TerminalSession(info, socket, shell, recorder, {
      audit,
      endRecord: (id, endedAt, reason) => sessions.end(id, endedAt, reason),
      onEnded: (id) => this.live.remove(id),
      now,
      idleTimeoutMs: IDLE_TIMEOUT_MS,
    });
    this.live.add(session);
    recorder.start({ ...size, title: `${info.username}@${info.hostId} (${info.role})` });
    session.open();
    return session;
  }

  private async refuse(actor: string, hostId: string, reason: string, client: string): Promise<void> {
    await this.deps.audit.record({ actor, action: 'session.open', target: hostId, outcome: 'refused', detail: { reason, client } });
  }
}
