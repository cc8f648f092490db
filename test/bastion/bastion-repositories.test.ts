import { randomBytes } from 'node:crypto';
import {
  BastionAccessRepository,
  BastionAuditRepository,
  BastionSessionRepository,
  BastionTokenRepository,
  BastionUserRepository,
} from '@ecs/persistence';
import { TEST_DATABASES, type TestDatabase } from '@ecs/testing';
import { AuditLog } from '../../apps/bastion/src/audit/audit-log';

/** The bastion's storage on both databases: single use under races, lockout counts, an unbroken audit chain. */
describe.each(TEST_DATABASES)('bastion repositories on %s', (_name, open) => {
  let handle: TestDatabase;
  let users: BastionUserRepository;
  let tokens: BastionTokenRepository;

  beforeAll(async () => {
    handle = await open();
    users = new BastionUserRepository(handle.db);
    tokens = new BastionTokenRepository(handle.db);
    await users.create({ username: 'ada', passwordHash: 'scrypt$x', roles: ['auditor', 'admin'], createdAt: 1 });
  });
  afterAll(async () => handle.dispose());

  it('refuses a second user of the same name and reads roles back', async () => {
    expect(await users.create({ username: 'ada', passwordHash: 'other', roles: [], createdAt: 2 })).toBe(false);
    expect(await users.find('ada')).toMatchObject({ roles: ['auditor', 'admin'], totpEnrolled: false, failedAttempts: 0, lockedUntil: null });
  });

  it('spends a connection token exactly once among racing callers, and says why the others failed', async () => {
    await tokens.issue({ tokenHash: 'a'.repeat(64), kind: 'connect', username: 'ada', hostId: 'h-1', expiresAt: 10_000, createdAt: 0 });
    const results = await Promise.all(Array.from({ length: 8 }, () => tokens.spend('a'.repeat(64), 'connect', 5_000)));
    expect(results.filter((r) => r.spent)).toHaveLength(1);
    expect(results.filter((r) => !r.spent).map((r) => (r.spent ? '' : r.why))).toEqual(Array(7).fill('used'));
    await tokens.issue({ tokenHash: 'b'.repeat(64), kind: 'connect', username: 'ada', hostId: 'h-1', expiresAt: 10_000, createdAt: 0 });
    expect(await tokens.spend('b'.repeat(64), 'connect', 10_000)).toMatchObject({ spent: false, why: 'expired' });
    expect(await tokens.spend('b'.repeat(64), 'session', 1)).toMatchObject({ spent: false, why: 'unknown' });
    expect(await tokens.purgeExpired(10_000)).toBe(2);
  });

  it('accepts each TOTP step once, and never an older one, even when logins race', async () => {
    const racing = await Promise.all(Array.from({ length: 6 }, () => users.acceptTotpStep('ada', 100)));
    expect(racing.filter(Boolean)).toHaveLength(1);
    expect(await users.acceptTotpStep('ada', 99)).toBe(false);
    expect(await users.acceptTotpStep('ada', 101)).toBe(true);
    expect((await users.find('ada'))?.totpEnrolled).toBe(true);
  });

  it('counts failures in the database and locks at the threshold, starting afresh after', async () => {
    await users.create({ username: 'bob', passwordHash: 'x', roles: [], createdAt: 1 });
    const policy = { threshold: 3, lockoutMs: 1_000 };
    const outcomes = await Promise.all([1, 2, 3].map(() => users.recordFailure('bob', 50, policy)));
    expect(outcomes.filter((o) => o.lockedUntil === 1_050)).not.toHaveLength(0);
    expect(await users.find('bob')).toMatchObject({ failedAttempts: 0, lockedUntil: 1_050 });
    expect(await users.unlock('bob')).toBe(true);
    expect(await users.unlock('nobody')).toBe(false);
  });

  it('finds only unrevoked, unexpired grants of the user and its groups', async () => {
    const access = new BastionAccessRepository(handle.db);
    const base = { role: 'operator' as const, createdBy: 'root', createdAt: 0 };
    await access.createGrant({ ...base, grantId: 'g-user', subjectKind: 'user', subject: 'ada', targetKind: 'host', target: 'h-1', expiresAt: 1_000 });
    await access.createGrant({ ...base, grantId: 'g-group', subjectKind: 'group', subject: 'ops', targetKind: 'host-group', target: 'rack', expiresAt: 1_000 });
    await access.createGrant({ ...base, grantId: 'g-old', subjectKind: 'user', subject: 'ada', targetKind: 'host', target: 'h-2', expiresAt: 10 });
    await access.createGrant({ ...base, grantId: 'g-other', subjectKind: 'user', subject: 'bob', targetKind: 'host', target: 'h-1', expiresAt: 1_000 });
    expect((await access.activeGrantsFor('ada', ['ops'], 100)).map((g) => g.grantId).sort()).toEqual(['g-group', 'g-user']);
    expect(await access.revokeGrant('g-user', 'root', 200)).toBe(true);
    expect(await access.revokeGrant('g-user', 'root', 300)).toBe(false);
    expect((await access.activeGrantsFor('ada', [], 100)).map((g) => g.grantId)).toEqual([]);
    await access.setHostGroup('rack', ['h-2', 'h-1']);
    await access.setHostGroup('rack', ['h-3']);
    expect(await access.hostGroupsOf('h-3')).toEqual(['rack']);
    expect(await access.hostGroupsOf('h-1')).toEqual([]);
  });

  it('keeps one unbroken audit chain while two bastion replicas append at once', async () => {
    const key = randomBytes(32);
    const replicas = [0, 1].map(() => new AuditLog(new BastionAuditRepository(handle.db), key, Date.now));
    await Promise.all(Array.from({ length: 20 }, (_, n) => replicas[n % 2].record({ actor: `user-${n}`, action: 'command', target: 'h-1', outcome: 'ok', detail: { n } })));
    const verdict = await replicas[0].verify();
    expect(verdict).toMatchObject({ ok: true, entries: 20, headSeq: 20 });
  });

  it('stores recordings in chunk order and ends a session once', async () => {
    const sessions = new BastionSessionRepository(handle.db);
    await sessions.start({ sessionId: 'bs-r', username: 'ada', hostId: 'h-1', role: 'operator', clientAddress: '::1', startedAt: 5 });
    await sessions.appendRecording('bs-r', 1, 'second\n');
    await sessions.appendRecording('bs-r', 0, 'first\n');
    expect((await sessions.recording('bs-r')).join('')).toBe('first\nsecond\n');
    expect(await sessions.end('bs-r', 9, 'killed')).toBe(true);
    expect(await sessions.end('bs-r', 10, 'user-exit')).toBe(false);
    expect((await sessions.recent(10)).find((r) => r.sessionId === 'bs-r')).toMatchObject({ endedAt: 9, endReason: 'killed' });
  });
});
