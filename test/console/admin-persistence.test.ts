import { AccountRepository, AuditRepository, CatalogRepository, InstanceRepository, InstanceSearchRepository, OperatorRepository, QuotaRepository, defaultCatalogSeed, type Database } from '@ecs/persistence';
import { TEST_DATABASES, type TestDatabase } from '@ecs/testing';
import { instanceRow } from '../persistence/instance-row';

describe.each(TEST_DATABASES)('admin console storage on %s', (_name, open) => {
  let handle: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    handle = await open();
    db = handle.db;
  });
  afterAll(async () => handle.dispose());

  it('appends audit entries with JSON before/after and lists them newest first, by keyset', async () => {
    const audit = new AuditRepository(db);
    for (const n of [1, 2, 3]) await db.transaction((tx) => audit.append(tx, { actor: 'ann', action: 'price.set', target: `price/t${n}`, before: { price: n }, after: { price: n + 1 } }));
    await db.transaction((tx) => audit.append(tx, { actor: 'bob', action: 'account.create', target: 'account/x', before: null, after: { name: 'x' } }));
    const page = await audit.list({ actor: 'ann', limit: 2 });
    expect(page.map((e) => e.target)).toEqual(['price/t3', 'price/t2']);
    expect(page[0]).toMatchObject({ before: { price: 3 }, after: { price: 4 }, at: expect.any(String) });
    expect((await audit.list({ actor: 'ann', beforeId: page[1].auditId, limit: 10 })).map((e) => e.target)).toEqual(['price/t1']);
    expect((await audit.list({ action: 'account.create', limit: 10 }))[0].before).toBeNull();
  });

  it('gives platform defaults until a quota is set, then the stored one', async () => {
    const quotas = new QuotaRepository(db, { maxVcpus: 100, maxInstances: 10 });
    expect(await quotas.get('1001', 'cn-test')).toEqual({ accountId: '1001', regionId: 'cn-test', maxVcpus: 100, maxInstances: 10, isDefault: true });
    await quotas.set({ accountId: '1001', regionId: 'cn-test', maxVcpus: 8, maxInstances: 2 });
    await quotas.set({ accountId: '1001', regionId: 'cn-test', maxVcpus: 16, maxInstances: 3 });
    expect(await quotas.get('1001', 'cn-test')).toMatchObject({ maxVcpus: 16, maxInstances: 3, isDefault: false });
    expect(await quotas.list('cn-test')).toHaveLength(1);
  });

  it('keeps operators unique and drops sessions that expired or whose operator is disabled', async () => {
    const operators = new OperatorRepository(db);
    expect(await db.transaction((tx) => operators.insert(tx, { username: 'olga', passwordHash: 'h', role: 'viewer' }))).toBe(true);
    expect(await db.transaction((tx) => operators.insert(tx, { username: 'olga', passwordHash: 'h', role: 'viewer' }))).toBe(false);
    await operators.createSession({ tokenHash: 'live', username: 'olga', csrfToken: 'c', expiresAt: Date.now() + 60_000 });
    await operators.createSession({ tokenHash: 'old', username: 'olga', csrfToken: 'c', expiresAt: Date.now() - 1 });
    expect(await operators.activeSession('live', Date.now())).toMatchObject({ username: 'olga', role: 'viewer' });
    expect(await operators.activeSession('old', Date.now())).toBeUndefined();
    await db.transaction((tx) => operators.update(tx, 'olga', { enabled: false }));
    expect(await operators.activeSession('live', Date.now())).toBeUndefined();
  });

  it('edits sale specs and prices per region, and issues and finds AccessKeys inside a transaction', async () => {
    const catalog = new CatalogRepository(db);
    await catalog.seed(defaultCatalogSeed('cn-test'));
    await db.transaction((tx) => catalog.setPrice(tx, 'cn-test', 'ecs.g7.large', 777, 'CNY'));
    expect(await db.transaction((tx) => catalog.setOnSale(tx, 'cn-test', 'cn-test-h', 'ecs.g7.large', false))).toBe(true);
    const specs = (await catalog.saleSpecs('cn-test')).filter((s) => s.instanceTypeId === 'ecs.g7.large');
    expect(specs.map((s) => [s.zoneId, s.onSale, s.pricePerHour])).toEqual([['cn-test-h', false, 0.777], ['cn-test-i', true, 0.777]]);
    const accounts = new AccountRepository(db);
    const created = await db.transaction((tx) => accounts.createAccountIn(tx, 'pat'));
    const second = await db.transaction((tx) => accounts.issueAccessKey(tx, created.AccountId));
    expect(await db.transaction((tx) => accounts.accessKeyIn(tx, second.AccessKeyId))).toEqual({ accessKeyId: second.AccessKeyId, accountId: created.AccountId, enabled: true });
  });

  it('searches every tenant’s instances by prefix with LIKE wildcards taken literally', async () => {
    const instances = new InstanceRepository(db);
    await db.transaction((tx) => instances.insert(tx, { ...instanceRow('i-search1'), instanceName: 'web_01' }, []));
    await db.transaction((tx) => instances.insert(tx, { ...instanceRow('i-search2'), instanceName: 'webX01', accountId: 'other' }, []));
    const search = new InstanceSearchRepository(db);
    expect((await search.search({ text: 'web_', limit: 10, offset: 0 })).instances.map((i) => i.instanceId)).toEqual(['i-search1']);
    expect((await search.search({ text: 'web', limit: 10, offset: 0 })).total).toBe(2);
    expect((await search.search({ text: 'i-search', accountId: 'other', limit: 10, offset: 0 })).instances.map((i) => i.instanceId)).toEqual(['i-search2']);
  });
});
