import type { BastionEndpoint } from '@ecs/contracts';
import { startTestPlatform, type TestPlatform } from '../support/platform-harness';
import { totpStep } from '../../apps/bastion/src/identity/totp';
import { bastionEndpoint, call, codeAt, createOperator, wrongCodeFor } from './support/bastion-client';

interface Ticket {
  stage: string;
  ticket: string;
  totpSecret?: string;
  provisioningUri?: string;
  Code?: string;
}

/** Operator identities end to end: password + TOTP, enrolment, replay, lockout and throttling. */
describe('bastion login', () => {
  let platform: TestPlatform;
  let bastion: BastionEndpoint;

  beforeAll(async () => {
    platform = await startTestPlatform({ ECS_CONSOLE_PORT: '0', ECS_BASTION_LOCKOUT_ATTEMPTS: '4', ECS_BASTION_FAILURES_PER_MINUTE: '1000' });
    bastion = bastionEndpoint(platform.dataDir);
  });
  afterAll(async () => platform.dispose());

  const login = (username: string, password: string) => call<Ticket>(bastion.url, 'POST', '/bastion/v1/auth/login', { body: { username, password } });
  const totp = (ticket: string, code: string) => call<{ sessionToken: string; roles: string[]; Code?: string }>(bastion.url, 'POST', '/bastion/v1/auth/totp', { body: { ticket, code } });
  const wrongCode = wrongCodeFor;

  it('enrols TOTP at the first login with a provisioning URI, then asks for codes only', async () => {
    await call(bastion.url, 'POST', '/bastion/v1/users', { token: bastion.adminToken, body: { username: 'ada', password: 'a long enough passphrase', roles: ['auditor'] } });
    const first = await login('ada', 'a long enough passphrase');
    expect(first.status).toBe(200);
    expect(first.body.stage).toBe('enrol-totp');
    const uri = new URL(first.body.provisioningUri!);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(first.body.totpSecret);
    expect(uri.searchParams.get('issuer')).toBe('ECS Bastion');
    expect(`${uri.host}${decodeURIComponent(uri.pathname)}`).toBe('totp/ECS Bastion:ada');
    expect((await totp(first.body.ticket, wrongCode(first.body.totpSecret!))).body.Code).toBe('InvalidTotpCode');
    const step = totpStep(Date.now());
    const enrolled = await totp(first.body.ticket, codeAt(first.body.totpSecret!, step));
    expect(enrolled.status).toBe(200);
    expect(enrolled.body.roles).toEqual(['auditor']);
    const second = await login('ada', 'a long enough passphrase');
    expect(second.body).toEqual({ stage: 'totp', ticket: expect.any(String), expiresAt: expect.any(String) });
    expect((await totp(second.body.ticket, codeAt(first.body.totpSecret!, step + 1))).status).toBe(200);
    const users = await call(bastion.url, 'GET', '/bastion/v1/users', { token: bastion.adminToken });
    expect(JSON.stringify(users.body)).not.toMatch(new RegExp(`${first.body.totpSecret}|scrypt|passphrase`));
  });

  it('refuses a wrong code and a replayed one, and a ticket is no session', async () => {
    const bob = await createOperator(bastion, 'bob');
    const ticket = (await login('bob', bob.password)).body.ticket;
    expect(await totp(ticket, wrongCode(bob.secret))).toEqual({ status: 401, body: { Code: 'InvalidTotpCode', Message: expect.any(String) } });
    // The code that logged bob in a moment ago is spent, though it is still inside its 30 seconds.
    expect((await totp(ticket, codeAt(bob.secret, bob.lastStep))).body.Code).toBe('InvalidTotpCode');
    expect((await totp(ticket, codeAt(bob.secret, bob.lastStep - 1))).body.Code).toBe('InvalidTotpCode');
    expect((await call(bastion.url, 'GET', '/bastion/v1/hosts', { token: ticket })).status).toBe(401);
    const fresh = await totp(ticket, codeAt(bob.secret, bob.lastStep + 1));
    expect(fresh.status).toBe(200);
    expect((await totp(ticket, codeAt(bob.secret, bob.lastStep + 1))).body.Code).toBe('InvalidTicket');
  });

  it('locks a user out after repeated failures, even for the right password, until unlocked', async () => {
    const carl = await createOperator(bastion, 'carl');
    for (let attempt = 1; attempt < 4; attempt++) expect((await login('carl', 'not the password')).body.Code).toBe('InvalidCredentials');
    expect(await login('carl', 'not the password')).toMatchObject({ status: 423, body: { Code: 'AccountLocked' } });
    expect(await login('carl', carl.password)).toMatchObject({ status: 423, body: { Code: 'AccountLocked' } });
    const listed = await call<{ username: string; lockedUntil: string | null }[]>(bastion.url, 'GET', '/bastion/v1/users', { token: bastion.adminToken });
    expect(listed.body.find((u) => u.username === 'carl')!.lockedUntil).not.toBeNull();
    expect((await call(bastion.url, 'POST', '/bastion/v1/users/carl/unlock', { token: bastion.adminToken })).status).toBe(200);
    expect((await login('carl', carl.password)).body.stage).toBe('totp');
  });

  it('counts wrong TOTP codes toward the lockout as well', async () => {
    const dora = await createOperator(bastion, 'dora');
    const ticket = (await login('dora', dora.password)).body.ticket;
    for (let attempt = 1; attempt < 4; attempt++) expect((await totp(ticket, wrongCode(dora.secret))).body.Code).toBe('InvalidTotpCode');
    expect((await totp(ticket, wrongCode(dora.secret))).body.Code).toBe('AccountLocked');
    expect((await totp(ticket, codeAt(dora.secret, dora.lastStep + 1))).body.Code).toBe('AccountLocked');
  });

  it('answers unknown users as it answers wrong passwords, and audits both', async () => {
    const unknown = await login('nosuchuser', 'whatever it is');
    expect(unknown).toEqual({ status: 401, body: { Code: 'InvalidCredentials', Message: 'The username or password is wrong.' } });
    const auditor = await createOperator(bastion, 'aud', ['auditor']);
    const { body } = await call<{ entries: { actor: string; action: string; outcome: string; detail: { reason?: string } }[] }>(bastion.url, 'GET', '/bastion/v1/audit?limit=1000', { token: auditor.session });
    expect(body.entries).toContainEqual(expect.objectContaining({ actor: 'nosuchuser', action: 'login.password', outcome: 'refused', detail: expect.objectContaining({ reason: 'unknown-user' }) }));
    expect(body.entries).toContainEqual(expect.objectContaining({ actor: 'carl', action: 'login.password', outcome: 'locked' }));
    expect(body.entries).toContainEqual(expect.objectContaining({ actor: 'bob', action: 'login.totp', outcome: 'refused', detail: expect.objectContaining({ reason: 'replayed-code' }) }));
    expect(JSON.stringify(body)).not.toContain('not the password');
  });

  it('rejects malformed input with the field named, and ends sessions at logout', async () => {
    expect(await call(bastion.url, 'POST', '/bastion/v1/auth/login', { body: { username: 'x' } })).toMatchObject({ status: 400, body: { Code: 'InvalidParameter', Message: expect.stringContaining('password') } });
    expect(await call(bastion.url, 'POST', '/bastion/v1/auth/totp', { body: { ticket: 't', code: '12ab56' } })).toMatchObject({ status: 400, body: { Code: 'InvalidParameter', Message: expect.stringContaining('code') } });
    const raw = await fetch(`${bastion.url}/bastion/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":' });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({ Code: 'InvalidRequest' });
    const weak = await call(bastion.url, 'POST', '/bastion/v1/users', { token: bastion.adminToken, body: { username: 'weak', password: 'short' } });
    expect(weak).toMatchObject({ status: 400, body: { Message: expect.stringContaining('password') } });
    const emma = await createOperator(bastion, 'emma');
    expect((await call(bastion.url, 'POST', '/bastion/v1/auth/logout', { token: emma.session })).status).toBe(200);
    expect((await call(bastion.url, 'GET', '/bastion/v1/hosts', { token: emma.session })).status).toBe(401);
  });
});

describe('bastion login throttling per client address', () => {
  let platform: TestPlatform;
  let bastion: BastionEndpoint;

  beforeAll(async () => {
    platform = await startTestPlatform({ ECS_CONSOLE_PORT: '0', ECS_BASTION_FAILURES_PER_MINUTE: '3' });
    bastion = bastionEndpoint(platform.dataDir);
  });
  afterAll(async () => platform.dispose());

  it('slows a guesser spraying many usernames, whom no single lockout would stop', async () => {
    const attempt = (username: string) => call(bastion.url, 'POST', '/bastion/v1/auth/login', { body: { username, password: 'guess guess guess' } });
    for (const username of ['u-one', 'u-two', 'u-three']) expect((await attempt(username)).status).toBe(401);
    expect(await attempt('u-four')).toEqual({ status: 429, body: { Code: 'TooManyFailures', Message: expect.any(String) } });
  });
});
