import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { BASTION_ENDPOINT_FILE, parseBastionEndpoint, type BastionEndpoint } from '@ecs/contracts';
import { runAdmin } from './admin-commands';
import { BastionApiError, BastionHttp } from './bastion-http';
import { option, parseArgs, requireWord, UsageError, type ParsedArgs } from './cli-args';
import { login } from './login-flow';
import { SessionStore, type StoredSession } from './session-store';
import { EXIT_OK, EXIT_REFUSED, runTerminal } from './terminal-client';

const USAGE = `usage: npm run --silent bastion -- <command> [options]
  login [--user NAME] [--code CODE]     log in (password + TOTP) and keep the session for later commands
  logout                                end the kept session
  hosts                                 hosts your grants reach, with your role
  connect HOST [--user NAME] [--code CODE]
                                        open a terminal on HOST (raw TTY on a terminal, line mode on pipes)
  sessions                              live and recent sessions (admin, auditor)
  kill SESSION_ID                       end a live session (admin, auditor)
  replay SESSION_ID                     print a session's asciicast v2 recording (auditor)
  audit verify                          recompute the audit hash chain (auditor)
  admin users add NAME [--role admin|auditor]…   admin users list|unlock NAME|reset-totp NAME
  admin user-group set GROUP USER…      admin host-group set GROUP HOST…
  admin grants add (--user U | --group G) (--host H | --host-group HG) --role read-only|operator (--ttl SECONDS | --expires-at ISO)
  admin grants list                     admin grants revoke GRANT_ID
Passwords: asked on the terminal, or ECS_BASTION_PASSWORD (login) and ECS_BASTION_NEW_PASSWORD (admin users add).
Bastion: ECS_BASTION_URL, else the platform's data dir (ECS_DATA_DIR, default ./.ecs-data), else http://127.0.0.1:8082.
Admin commands use the data dir's bootstrap token. Session file: ECS_BASTION_SESSION_FILE (default ~/.ecs/bastion-session.json).`;

const env = process.env;

function localEndpoint(): BastionEndpoint | undefined {
  try {
    return parseBastionEndpoint(readFileSync(join(env.ECS_DATA_DIR ?? './.ecs-data', BASTION_ENDPOINT_FILE), 'utf8'));
  } catch {
    return undefined;
  }
}

function loginInput(args: ParsedArgs) {
  return { username: option(args, 'user'), password: env.ECS_BASTION_PASSWORD, code: option(args, 'code') };
}

/** The kept session unless the command names a user, else a fresh login (not kept). */
async function sessionFor(http: BastionHttp, store: SessionStore, args: ParsedArgs): Promise<StoredSession> {
  const kept = store.load(http.url);
  if (kept && (option(args, 'user') === undefined || option(args, 'user') === kept.username)) return kept;
  return login(http, loginInput(args));
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  const endpoint = localEndpoint();
  const http = new BastionHttp((env.ECS_BASTION_URL ?? endpoint?.url ?? 'http://127.0.0.1:8082').replace(/\/+$/, ''));
  const store = new SessionStore(env.ECS_BASTION_SESSION_FILE ?? join(homedir(), '.ecs', 'bastion-session.json'));
  const print = (value: unknown) => {
    process.stdout.write(`${typeof value === 'string' ? value : JSON.stringify(value, null, 2)}\n`);
    return EXIT_OK;
  };
  const token = async () => (await sessionFor(http, store, args)).sessionToken;
  switch (args.words[0]) {
    case 'login': {
      const session = await login(http, loginInput(args));
      store.save(session);
      return print({ username: session.username, expiresAt: session.expiresAt });
    }
    case 'logout': {
      const kept = store.load(http.url);
      if (kept) await http.call('POST', '/bastion/v1/auth/logout', { token: kept.sessionToken });
      store.clear();
      return print({ loggedOut: true });
    }
    case 'hosts':
      return print(await http.call('GET', '/bastion/v1/hosts', { token: await token() }));
    case 'connect': {
      const hostId = requireWord(args, 1, 'the host to connect to');
      const session = await sessionFor(http, store, args);
      const grant = await http.call<{ terminalPath: string }>('POST', '/bastion/v1/connections', { token: session.sessionToken, body: { hostId } });
      const { columns, rows } = process.stdout;
      const size = process.stdout.isTTY && columns > 0 && rows > 0 ? `&cols=${columns}&rows=${rows}` : '';
      return runTerminal(`${http.url.replace(/^http/, 'ws')}${grant.terminalPath}${size}`);
    }
    case 'sessions':
      return print(await http.call('GET', '/bastion/v1/sessions', { token: await token() }));
    case 'kill':
      return print(await http.call('DELETE', `/bastion/v1/sessions/${encodeURIComponent(requireWord(args, 1, 'the session id'))}`, { token: await token() }));
    case 'replay':
      return print((await http.text(`/bastion/v1/sessions/${encodeURIComponent(requireWord(args, 1, 'the session id'))}/recording`, await token())).trimEnd());
    case 'audit': {
      if (args.words[1] !== 'verify') throw new UsageError('did you mean: audit verify');
      const verdict = await http.call<{ ok: boolean }>('GET', '/bastion/v1/audit/verify', { token: await token() });
      print(verdict);
      return verdict.ok ? EXIT_OK : EXIT_REFUSED;
    }
    case 'admin': {
      if (!endpoint) throw new Error(`no bastion found in ECS_DATA_DIR=${env.ECS_DATA_DIR ?? './.ecs-data'}: admin commands need the platform's data dir`);
      return print(await runAdmin(new BastionHttp(endpoint.url), endpoint.adminToken, args, env.ECS_BASTION_NEW_PASSWORD));
    }
    default:
      throw new UsageError(args.words[0] === undefined ? 'no command' : `unknown command: ${args.words[0]}`);
  }
}

/** Exits once everything written has reached the pipe: a bare exit can cut piped output short. */
function exitAfterOutput(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

main(process.argv.slice(2)).then(exitAfterOutput, (error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n${USAGE}\n`);
    return exitAfterOutput(2);
  }
  process.stderr.write(`${error instanceof BastionApiError ? JSON.stringify(error.body) : error instanceof Error ? error.message : String(error)}\n`);
  exitAfterOutput(EXIT_REFUSED);
});
