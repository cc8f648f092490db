import type { BastionEndpoint } from '@ecs/contracts';
import { startTestPlatform, type TestPlatform } from '../support/platform-harness';
import { bastionEndpoint, call, connectionToken, createOperator, grant, refusedUpgrade, Terminal, terminalUrl } from './support/bastion-client';

/**
 * Who may reach which host, end to end through a running all-in-one: grants, their expiry and
 * revocation, and single-use connection tokens bound to one user and one host.
 */
describe('bastion access control', () => {
  let platform: TestPlatform;
  let bastion: BastionEndpoint;
  let hostA: string;
  let hostB: string;

  beforeAll(async () => {
    platform = await startTestPlatform({ ECS_CONSOLE_PORT: '0' });
    bastion = bastionEndpoint(platform.dataDir);
    [hostA, hostB] = platform.fleet.hosts.map((h) => h.registration.hostId) as [string, string];
  });
  afterAll(async () => platform.dispose());

  async function auditActions(actor: string): Promise<{ action: string; outcome: string; target: string; detail: Record<string, unknown> }[]> {
    const auditor = await auditorSession();
    const { body } = await call<{ entries: { actor: string; action: string; outcome: string; target: string; detail: Record<string, unknown> }[] }>(bastion.url, 'GET', '/bastion/v1/audit?limit=1000', { token: auditor });
    return body.entries.filter((e) => e.actor === actor);
  }

  let auditorToken: string | undefined;
  async function auditorSession(): Promise<string> {
    auditorToken ??= (await createOperator(bastion, 'audra', ['auditor'])).session;
    return auditorToken;
  }

  it('serves the bastion on its own URL and asks for a login before anything else', async () => {
    expect(platform.bastionUrl).toBe(bastion.url);
    const anonymous = await call(bastion.url, 'GET', '/bastion/v1/hosts');
    expect(anonymous).toEqual({ status: 401, body: { Code: 'AuthenticationRequired', Message: expect.any(String) } });
  });

  it('refuses a connection without a grant, and audits the refusal', async () => {
    const nora = await createOperator(bastion, 'nora');
    expect((await call(bastion.url, 'GET', '/bastion/v1/hosts', { token: nora.session })).body).toEqual({ username: 'nora', hosts: [] });
    const refused = await connectionToken(bastion.url, nora, hostA);
    expect(refused.status).toBe(403);
    expect(refused.body.Code).toBe('NoGrant');
    expect(await auditActions('nora')).toContainEqual(expect.objectContaining({ action: 'token.issue', outcome: 'refused', target: hostA, detail: { reason: 'no-grant' } }));
  });

  it('refuses an expired grant, at token time and at connection time', async () => {
    const eve = await createOperator(bastion, 'eve');
    await grant(bastion, { user: 'eve', host: hostA, role: 'operator', ttlSeconds: 2 });
    const token = await connectionToken(bastion.url, eve, hostA);
    expect(token.status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await connectionToken(bastion.url, eve, hostA)).body.Code).toBe('NoGrant');
    const late = await refusedUpgrade(terminalUrl(bastion.url, hostA, token.body.token));
    expect(late).toEqual({ status: 403, body: { Code: 'NoGrant', Message: expect.any(String) } });
  });

  it('spends a connection token once: a second use is refused', async () => {
    const tom = await createOperator(bastion, 'tom');
    await grant(bastion, { user: 'tom', host: hostA, role: 'read-only' });
    const { body } = await connectionToken(bastion.url, tom, hostA);
    expect(body.role).toBe('read-only');
    const terminal = await Terminal.open(terminalUrl(bastion.url, hostA, body.token));
    await terminal.waitFor(/\$ $/);
    terminal.close();
    expect(await refusedUpgrade(terminalUrl(bastion.url, hostA, body.token))).toEqual({ status: 401, body: { Code: 'ConnectionTokenUsed', Message: expect.any(String) } });
    expect(await refusedUpgrade(terminalUrl(bastion.url, hostA, 'x'.repeat(43)))).toMatchObject({ status: 401, body: { Code: 'InvalidConnectionToken' } });
  });

  it('refuses a token for host A on host B, even to a user granted both, and burns it', async () => {
    const hana = await createOperator(bastion, 'hana');
    await grant(bastion, { user: 'hana', host: hostA, role: 'operator' });
    await grant(bastion, { user: 'hana', host: hostB, role: 'operator' });
    const { body } = await connectionToken(bastion.url, hana, hostA);
    expect(await refusedUpgrade(terminalUrl(bastion.url, hostB, body.token))).toEqual({ status: 403, body: { Code: 'TokenHostMismatch', Message: expect.any(String) } });
    expect((await refusedUpgrade(terminalUrl(bastion.url, hostA, body.token))).body.Code).toBe('ConnectionTokenUsed');
    expect(await auditActions('hana')).toContainEqual(expect.objectContaining({ action: 'session.open', outcome: 'refused', target: hostB, detail: expect.objectContaining({ reason: 'token-for-another-host' }) }));
  });

  it('refuses terminal connections driven by another site', async () => {
    const olga = await createOperator(bastion, 'olga');
    await grant(bastion, { user: 'olga', host: hostA, role: 'read-only' });
    const { body } = await connectionToken(bastion.url, olga, hostA);
    const refused = await refusedUpgrade(terminalUrl(bastion.url, hostA, body.token), { origin: 'https://attacker.example' });
    expect(refused).toMatchObject({ status: 403, body: { Code: 'OriginNotAllowed' } });
  });

  it('ends a live session the moment its grant is revoked', async () => {
    const rex = await createOperator(bastion, 'rex');
    const grantId = await grant(bastion, { user: 'rex', host: hostA, role: 'operator' });
    const { body } = await connectionToken(bastion.url, rex, hostA);
    const terminal = await Terminal.open(terminalUrl(bastion.url, hostA, body.token));
    expect(await terminal.run('uptime')).toMatch(/up \d+:\d\d/);
    const revoked = await call(bastion.url, 'DELETE', `/bastion/v1/grants/${grantId}`, { token: bastion.adminToken });
    expect(revoked).toEqual({ status: 200, body: { grantId, revoked: true, sessionsEnded: 1 } });
    expect(await terminal.closed).toEqual({ code: 4001, reason: 'grant-revoked' });
    expect(terminal.output).toContain('[bastion] session ended: your access to this host was revoked');
    expect((await call(bastion.url, 'DELETE', `/bastion/v1/grants/${grantId}`, { token: bastion.adminToken })).status).toBe(404);
    expect((await connectionToken(bastion.url, rex, hostA)).body.Code).toBe('NoGrant');
  });

  it('ends a live session when its grant runs out', async () => {
    const xia = await createOperator(bastion, 'xia');
    await grant(bastion, { user: 'xia', host: hostA, role: 'read-only', ttlSeconds: 2 });
    const { body } = await connectionToken(bastion.url, xia, hostA);
    const terminal = await Terminal.open(terminalUrl(bastion.url, hostA, body.token));
    await terminal.waitFor(/\$ $/);
    expect(await terminal.closed).toEqual({ code: 4002, reason: 'grant-expired' });
    expect(terminal.output).toContain('your grant for this host expired');
  });

  it('grants through user groups and host groups, and withdraws them with the membership', async () => {
    const gus = await createOperator(bastion, 'gus');
    await call(bastion.url, 'PUT', '/bastion/v1/user-groups/night-shift', { token: bastion.adminToken, body: { members: ['gus'] } });
    await call(bastion.url, 'PUT', '/bastion/v1/host-groups/rack-one', { token: bastion.adminToken, body: { hostIds: [hostA, hostB] } });
    await grant(bastion, { group: 'night-shift', hostGroup: 'rack-one', role: 'read-only' });
    const hosts = await call<{ hosts: { hostId: string; role: string; online: boolean }[] }>(bastion.url, 'GET', '/bastion/v1/hosts', { token: gus.session });
    expect(hosts.body.hosts.map((h) => [h.hostId, h.role, h.online])).toEqual([hostA, hostB].sort().map((h) => [h, 'read-only', true]));
    const { body } = await connectionToken(bastion.url, gus, hostB);
    const terminal = await Terminal.open(terminalUrl(bastion.url, hostB, body.token));
    await terminal.waitFor(/\$ $/);
    const regrouped = await call(bastion.url, 'PUT', '/bastion/v1/host-groups/rack-one', { token: bastion.adminToken, body: { hostIds: [hostA] } });
    expect(regrouped.body).toMatchObject({ sessionsEnded: 1 });
    expect((await terminal.closed).reason).toBe('grant-revoked');
    expect((await connectionToken(bastion.url, gus, hostB)).body.Code).toBe('NoGrant');
  });

  it('answers bad grant requests with a clear error, never a 5xx', async () => {
    const admin = { token: bastion.adminToken };
    const cases: [unknown, string][] = [
      [{ user: 'tom', host: hostA, role: 'root', ttlSeconds: 60 }, 'role'],
      [{ user: 'tom', group: 'night-shift', host: hostA, role: 'operator', ttlSeconds: 60 }, 'user'],
      [{ user: 'tom', host: hostA, role: 'operator' }, 'expiresAt'],
      [{ user: 'tom', host: hostA, role: 'operator', expiresAt: '2001-01-01T00:00:00Z' }, 'expiresAt'],
      [{ user: 'tom', host: 'bad host', role: 'operator', ttlSeconds: 60 }, 'host'],
      ['not json at all', 'body'],
    ];
    for (const [body, field] of cases) {
      const answer = await call(bastion.url, 'POST', '/bastion/v1/grants', { ...admin, body });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ Code: 'InvalidParameter', Message: expect.stringContaining(field) });
    }
    expect((await call(bastion.url, 'POST', '/bastion/v1/grants', { ...admin, body: { user: 'nobody', host: hostA, role: 'operator', ttlSeconds: 60 } })).body).toMatchObject({ Code: 'UserNotFound' });
    const operator = await createOperator(bastion, 'ivan');
    expect((await call(bastion.url, 'GET', '/bastion/v1/grants', { token: operator.session })).body).toMatchObject({ Code: 'Forbidden' });
    expect((await call(bastion.url, 'GET', '/bastion/v1/nothing-here', { token: operator.session })).status).toBe(404);
  });
});
