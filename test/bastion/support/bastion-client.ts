import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { BASTION_ENDPOINT_FILE, parseBastionEndpoint, type BastionEndpoint } from '@ecs/contracts';
import { base32Decode } from '../../../apps/bastion/src/identity/base32';
import { hotp, totpStep } from '../../../apps/bastion/src/identity/totp';

export interface Answer<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
}

/** The bastion as an operator's tools see it: found through the data dir, spoken to over HTTP. */
export function bastionEndpoint(dataDir: string): BastionEndpoint {
  const endpoint = parseBastionEndpoint(readFileSync(join(dataDir, BASTION_ENDPOINT_FILE), 'utf8'));
  if (!endpoint) throw new Error('no bastion endpoint in the data dir');
  return endpoint;
}

export async function call<T = Record<string, unknown>>(url: string, method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<Answer<T>> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, body: body as T };
}

/** A response body as text, for the asciicast recordings. */
export async function fetchText(url: string, path: string, token: string): Promise<Answer<string>> {
  const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.text() };
}

export function codeAt(secret: string, step: number): string {
  return hotp(base32Decode(secret)!, step);
}

/** A well-formed code that matches none of the steps the bastion accepts right now. */
export function wrongCodeFor(secret: string): string {
  const now = totpStep(Date.now());
  const valid = new Set([now - 2, now - 1, now, now + 1, now + 2].map((step) => codeAt(secret, step)));
  let code = 0;
  while (valid.has(String(code).padStart(6, '0'))) code += 1;
  return String(code).padStart(6, '0');
}

export interface Operator {
  readonly username: string;
  readonly password: string;
  readonly secret: string;
  readonly session: string;
  /** The TOTP step its last accepted code was for; the next login must use a later one. */
  lastStep: number;
}

/** The first login of a created user: password, then the code for the TOTP secret the bastion hands out. */
export async function enrol(url: string, username: string, password: string): Promise<{ secret: string; session: string; step: number }> {
  const first = await call<{ stage: string; ticket: string; totpSecret: string }>(url, 'POST', '/bastion/v1/auth/login', { body: { username, password } });
  if (first.body.stage !== 'enrol-totp') throw new Error(`expected enrolment: ${JSON.stringify(first)}`);
  const step = totpStep(Date.now());
  const done = await call<{ sessionToken: string }>(url, 'POST', '/bastion/v1/auth/totp', { body: { ticket: first.body.ticket, code: codeAt(first.body.totpSecret, step) } });
  if (done.status !== 200) throw new Error(`enrolling ${username}: ${JSON.stringify(done)}`);
  return { secret: first.body.totpSecret, session: done.body.sessionToken, step };
}

/** Creates a user through the bootstrap token and logs it in, enrolling TOTP on the way. */
export async function createOperator(endpoint: BastionEndpoint, username: string, roles: string[] = []): Promise<Operator> {
  const password = `correct horse ${username} battery`;
  const created = await call(endpoint.url, 'POST', '/bastion/v1/users', { token: endpoint.adminToken, body: { username, password, roles } });
  if (created.status !== 201) throw new Error(`creating ${username}: ${JSON.stringify(created)}`);
  const enrolled = await enrol(endpoint.url, username, password);
  return { username, password, secret: enrolled.secret, session: enrolled.session, lastStep: enrolled.step };
}

export async function grant(endpoint: BastionEndpoint, body: Record<string, unknown>): Promise<string> {
  const answer = await call<{ grantId: string }>(endpoint.url, 'POST', '/bastion/v1/grants', { token: endpoint.adminToken, body: { ttlSeconds: 3600, ...body } });
  if (answer.status !== 201) throw new Error(`grant: ${JSON.stringify(answer)}`);
  return answer.body.grantId;
}

export async function connectionToken(url: string, operator: Operator, hostId: string): Promise<Answer<{ token: string; terminalPath: string; role: string; Code?: string }>> {
  return call(url, 'POST', '/bastion/v1/connections', { token: operator.session, body: { hostId } });
}

export function terminalUrl(url: string, hostId: string, token: string): string {
  return `${url.replace(/^http/, 'ws')}/bastion/v1/hosts/${encodeURIComponent(hostId)}/terminal?token=${encodeURIComponent(token)}`;
}

/** A refused upgrade: the HTTP status and JSON body the bastion answered instead of switching protocols. */
export function refusedUpgrade(wsUrl: string, headers: Record<string, string> = {}): Promise<Answer<{ Code: string; Message: string }>> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, { headers });
    ws.on('open', () => {
      ws.terminate();
      reject(new Error('the upgrade was accepted'));
    });
    ws.on('unexpected-response', (_request, response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    });
    ws.on('error', () => undefined);
  });
}

const PROMPT = /\[[a-z0-9._-]+@[A-Za-z0-9._:-]+ (read-only|operator)\]\$ $/;

/** A terminal over the bastion's WebSocket, driven keystroke by keystroke like xterm.js drives it. */
export class Terminal {
  output = '';
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      this.output += data.toString('utf8');
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => {
      for (const wake of this.waiters.splice(0)) wake();
      resolve({ code, reason: reason.toString('utf8') });
    }));
  }

  static open(wsUrl: string): Promise<Terminal> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(wsUrl);
      ws.on('open', () => resolve(new Terminal(ws)));
      ws.on('unexpected-response', (_request, response) => reject(new Error(`refused with ${response.statusCode}`)));
      ws.on('error', reject);
    });
  }

  /** Waits until the whole output matches. */
  waitFor(pattern: RegExp, timeoutMs = 10_000): Promise<string> {
    return this.waitUntil((output) => pattern.test(output), String(pattern), timeoutMs);
  }

  async waitUntil(done: (output: string) => boolean, what: string, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!done(this.output)) {
      if (Date.now() > deadline || this.ws.readyState === WebSocket.CLOSED) throw new Error(`timed out waiting for ${what}; output so far:\n${this.output}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
    return this.output;
  }

  /** Types a line, presses Enter and returns what the terminal showed up to the next prompt. */
  async run(line: string): Promise<string> {
    await this.waitFor(PROMPT);
    const from = this.output.length;
    this.ws.send(`${line}\r`);
    await this.waitUntil((output) => output.slice(from).includes('\r\n') && PROMPT.test(output.slice(from)), `the prompt after ${line}`);
    return this.output.slice(from);
  }

  close(): void {
    this.ws.close();
  }
}
