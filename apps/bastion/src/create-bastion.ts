import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpsShellDirectory } from '@ecs/contracts';
import { createLogger } from '@ecs/observability';
import {
  BastionAccessRepository,
  BastionAuditRepository,
  BastionSessionRepository,
  BastionTokenRepository,
  BastionUserRepository,
  type Database,
} from '@ecs/persistence';
import { AccessPolicy } from './access/access-policy';
import { AuditLog } from './audit/audit-log';
import type { BastionDeps, BastionSettings } from './bastion-deps';
import { Authenticator } from './http/authenticator';
import { BastionModule } from './http/bastion.module';
import { TerminalGateway } from './http/terminal-gateway';
import { FailureThrottle } from './identity/failure-throttle';
import { PasswordHasher } from './identity/password-hasher';
import { LiveSessions } from './terminal/live-sessions';
import { SessionReauthoriser } from './terminal/session-reauthoriser';
import { ListAudit } from './use-cases/audit/list-audit.use-case';
import { VerifyAudit } from './use-cases/audit/verify-audit.use-case';
import { IssueConnectionToken } from './use-cases/connect/issue-connection-token.use-case';
import { ListReachableHosts } from './use-cases/connect/list-reachable-hosts.use-case';
import { OpenTerminal } from './use-cases/connect/open-terminal.use-case';
import { CreateGrant } from './use-cases/grants/create-grant.use-case';
import { ListGrants } from './use-cases/grants/list-grants.use-case';
import { RevokeGrant } from './use-cases/grants/revoke-grant.use-case';
import { SetHostGroup } from './use-cases/groups/set-host-group.use-case';
import { SetUserGroup } from './use-cases/groups/set-user-group.use-case';
import { LoginWithPassword } from './use-cases/login/login-with-password.use-case';
import { Logout } from './use-cases/login/logout.use-case';
import { VerifyTotp } from './use-cases/login/verify-totp.use-case';
import { KillSession } from './use-cases/sessions/kill-session.use-case';
import { ListSessions } from './use-cases/sessions/list-sessions.use-case';
import { ReplayRecording } from './use-cases/sessions/replay-recording.use-case';
import { CreateUser } from './use-cases/users/create-user.use-case';
import { ListUsers } from './use-cases/users/list-users.use-case';
import { ResetTotp } from './use-cases/users/reset-totp.use-case';
import { UnlockUser } from './use-cases/users/unlock-user.use-case';

export interface BastionOptions {
  readonly db: Database;
  /** Where the bastion finds each host's ops shell. */
  readonly shells: OpsShellDirectory;
  /** Shared with the host agents: signs each session open. */
  readonly agentKey: Buffer;
  /** Keys the audit hash chain; must stay the same across restarts for old rows to verify. */
  readonly auditKey: Buffer;
  /** The data dir's administrator token, for creating the first users. */
  readonly bootstrapToken: string;
  readonly settings: BastionSettings & { readonly failuresPerMinute: number };
}

export interface Bastion {
  /** Starts serving; resolves with the URL it listens on. */
  listen(port: number, host: string): Promise<string>;
  /** Ends every live session (telling its user why), then stops serving. */
  close(): Promise<void>;
}

/** How often live sessions are held to their grants again, for expiries and other replicas' changes. */
const REAUTHORISE_EVERY_MS = 5_000;
const PURGE_TOKENS_EVERY_MS = 60_000;
const BODY_LIMIT_BYTES = 64 * 1024;

const log = createLogger('bastion');

/** Wires the bastion: repositories, use cases, the HTTP API, the terminal WebSocket and its housekeeping. */
export async function createBastion(options: BastionOptions): Promise<Bastion> {
  const now = Date.now;
  const users = new BastionUserRepository(options.db);
  const access = new BastionAccessRepository(options.db);
  const tokens = new BastionTokenRepository(options.db);
  const policy = new AccessPolicy(users, access);
  const deps: BastionDeps = {
    users,
    access,
    tokens,
    sessions: new BastionSessionRepository(options.db),
    audit: new AuditLog(new BastionAuditRepository(options.db), options.auditKey, now),
    policy,
    hasher: new PasswordHasher(),
    throttle: new FailureThrottle(options.settings.failuresPerMinute, now),
    settings: options.settings,
    now,
  };
  const live = new LiveSessions();
  const reauthoriser = new SessionReauthoriser(live, policy, access, now);
  const openTerminal = new OpenTerminal(deps, options.shells, options.agentKey, live);
  const useCases = [
    new LoginWithPassword(deps),
    new VerifyTotp(deps),
    new Logout(deps),
    new CreateUser(deps),
    new ListUsers(deps),
    new UnlockUser(deps),
    new ResetTotp(deps),
    new SetUserGroup(deps, reauthoriser),
    new SetHostGroup(deps, reauthoriser),
    new CreateGrant(deps),
    new ListGrants(deps),
    new RevokeGrant(deps, reauthoriser),
    new ListReachableHosts(deps, options.shells),
    new IssueConnectionToken(deps, options.shells),
    new ListSessions(deps, live),
    new KillSession(deps, live),
    new ReplayRecording(deps),
    new ListAudit(deps),
    new VerifyAudit(deps),
  ];
  const authenticator = new Authenticator(users, tokens, options.bootstrapToken, now);
  const app = await NestFactory.create<NestFastifyApplication>(BastionModule.with(authenticator, useCases), new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES }), { logger: false, abortOnError: false });
  await app.init();
  const gateway = new TerminalGateway(openTerminal);
  gateway.attach(app.getHttpServer());
  reauthoriser.startPeriodic(REAUTHORISE_EVERY_MS);
  const purge = setInterval(() => {
    tokens.purgeExpired(now()).catch((error: unknown) => log.warn('purging expired tokens failed', { error }));
  }, PURGE_TOKENS_EVERY_MS);
  purge.unref();

  return {
    async listen(port, host) {
      await app.listen(port, host);
      return urlOf(app.getHttpServer());
    },
    async close() {
      reauthoriser.stop();
      clearInterval(purge);
      await live.endAll('bastion-stopping');
      await gateway.close();
      await app.close();
    },
  };
}

function urlOf(server: Server): string {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the bastion is not listening on TCP');
  const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}
