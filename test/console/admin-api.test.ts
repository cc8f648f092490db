import type Ecs from '@alicloud/ecs20140526';
import { AccountRepository } from '@ecs/persistence';
import { startTestPlatform, type TestPlatform } from '../support/platform-harness';
import { $Ecs, ecsClient, errorCodeOf } from '../support/sdk-clients';
import { ConsoleSession } from './support/console-session';

const ADMIN = { username: 'root-operator', password: 'correct horse battery staple' };
const REGION = 'cn-hangzhou';

describe('sales-spec admin API behind the console (all-in-one)', () => {
  let platform: TestPlatform;
  let admin: ConsoleSession;
  let ecs: Ecs;

  beforeAll(async () => {
    platform = await startTestPlatform({ ECS_CONSOLE_PORT: '0', ECS_ADMIN_USER: ADMIN.username, ECS_ADMIN_PASSWORD: ADMIN.password });
    admin = await ConsoleSession.login(platform.consoleUrl, ADMIN.username, ADMIN.password);
    ecs = ecsClient(platform.gatewayUrl, platform.credentials);
  });
  afterAll(async () => platform.dispose());

  it('answers nothing without a login, and sets an HttpOnly SameSite=Strict session cookie on login', async () => {
    const anonymous = new ConsoleSession(platform.consoleUrl);
    for (const path of ['/api/v1/sale-matrix', '/api/v1/accounts', '/api/v1/fleet', '/api/v1/audit']) {
      const answer = await anonymous.get(path);
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ Code: 'NotAuthenticated', RequestId: expect.any(String) });
    }
    const login = await anonymous.login(ADMIN.username, ADMIN.password);
    expect(login.body).toMatchObject({ username: ADMIN.username, role: 'super_admin' });
    expect(login.headers.get('set-cookie')).toMatch(/^ecs_console_session=[\w-]{43}; Path=\/api; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    expect(JSON.stringify(login.body)).not.toContain('scrypt');
  });

  it('refuses a wrong password and malformed input with a clear error body, never a 5xx', async () => {
    const anonymous = new ConsoleSession(platform.consoleUrl);
    expect((await anonymous.login(ADMIN.username, 'not the password')).body).toMatchObject({ Code: 'InvalidCredentials' });
    expect((await anonymous.login('nobody-here', 'not the password')).status).toBe(401);
    const bad = await anonymous.call('POST', '/api/v1/session', '{"username":', { 'content-type': 'application/json' });
    expect(bad.status).toBeLessThan(500);
    const empty = await anonymous.call('POST', '/api/v1/session', {});
    expect(empty).toMatchObject({ status: 400, body: { Code: 'InvalidParameter', Field: 'username' } });
  });

  it('requires the CSRF token on every write made with the session cookie', async () => {
    const forged = await admin.withoutCsrf().put('/api/v1/sale-specs/cn-hangzhou-h/ecs.g7.large', { onSale: false });
    expect(forged).toMatchObject({ status: 403, body: { Code: 'InvalidCsrfToken' } });
    const matrix = await admin.get<{ cells: { zoneId: string; instanceTypeId: string; onSale: boolean }[] }>('/api/v1/sale-matrix');
    expect(matrix.body.cells.find((c) => c.zoneId === 'cn-hangzhou-h' && c.instanceTypeId === 'ecs.g7.large')?.onSale).toBe(true);
  });

  it('enforces roles on the server: a viewer reads but cannot change, a sales admin cannot manage keys', async () => {
    for (const [username, role] of [['vera-viewer', 'viewer'], ['sam-sales', 'sales_admin']] as const) {
      expect((await admin.post('/api/v1/operators', { username, password: 'a long enough password', role })).status).toBe(201);
    }
    const viewer = await ConsoleSession.login(platform.consoleUrl, 'vera-viewer', 'a long enough password');
    expect((await viewer.get('/api/v1/sale-matrix')).status).toBe(200);
    expect(await viewer.put('/api/v1/prices/ecs.g7.large', { pricePerHour: 1 })).toMatchObject({ status: 403, body: { Code: 'Forbidden.Role' } });
    expect((await viewer.get('/api/v1/operators')).status).toBe(403);
    const sales = await ConsoleSession.login(platform.consoleUrl, 'sam-sales', 'a long enough password');
    expect((await sales.put('/api/v1/sale-specs/cn-hangzhou-i/ecs.r7.large', { onSale: true })).status).toBe(200);
    expect((await sales.post('/api/v1/accounts', { name: 'nope' })).status).toBe(403);
    // Disabling an operator ends their sessions at once.
    expect((await admin.patch('/api/v1/operators/vera-viewer', { enabled: false })).status).toBe(200);
    expect((await viewer.get('/api/v1/sale-matrix')).status).toBe(401);
    expect((await admin.patch(`/api/v1/operators/${ADMIN.username}`, { role: 'viewer' })).body).toMatchObject({ Code: 'Operator.Self' });
  });

  it('prices: DescribePrice answers the configured price from the next call', async () => {
    const priced = await admin.put('/api/v1/prices/ecs.c7.xlarge', { pricePerHour: 1.234, currency: 'CNY' });
    expect(priced).toMatchObject({ status: 200, body: { pricePerHour: 1.234 } });
    const { body } = await ecs.describePrice(new $Ecs.DescribePriceRequest({ regionId: REGION, instanceType: 'ecs.c7.xlarge', amount: 2 }));
    expect(body!.priceInfo!.price).toMatchObject({ originalPrice: 2.468, tradePrice: 2.468, currency: 'CNY' });
    const invalid = await admin.put('/api/v1/prices/ecs.c7.xlarge', { pricePerHour: -1 });
    expect(invalid).toMatchObject({ status: 400, body: { Code: 'InvalidParameter', Field: 'pricePerHour' } });
  });

  it('instance types: a new type shows in DescribeInstanceTypes at once and starts closed everywhere', async () => {
    const family = await admin.put('/api/v1/instance-families/ecs.hfc7', { generation: 'ecs-5', description: 'High clock compute' });
    expect(family.status).toBe(200);
    const created = await admin.put('/api/v1/instance-types/ecs.hfc7.large', { familyId: 'ecs.hfc7', vcpus: 2, memoryGiB: 4, hostClass: 'x86-general', description: '2 vCPU, 4 GiB', pricePerHour: 0.3 });
    expect(created.status).toBe(200);
    const types = await ecs.describeInstanceTypes(new $Ecs.DescribeInstanceTypesRequest({ instanceTypes: ['ecs.hfc7.large'] }));
    expect(types.body!.instanceTypes!.instanceType![0]).toMatchObject({ instanceTypeId: 'ecs.hfc7.large', cpuCoreCount: 2, memorySize: 4 });
    const availability = await ecs.describeAvailableResource(new $Ecs.DescribeAvailableResourceRequest({ regionId: REGION, destinationResource: 'InstanceType', instanceType: 'ecs.hfc7.large' }));
    for (const zone of availability.body!.availableZones!.availableZone!) expect(zone.statusCategory).toBe('ClosedWithStock');
    const mismatch = await admin.put('/api/v1/instance-types/ecs.hfc7.xlarge', { familyId: 'ecs.g7', vcpus: 4, memoryGiB: 8, hostClass: 'x86-general', pricePerHour: 1 });
    expect(mismatch.body).toMatchObject({ Code: 'InvalidParameter', Field: 'instanceTypeId' });
  });

  it('AccessKeys: created with a secret shown once, rotated (old disabled at once), never listed with secrets', async () => {
    const created = await admin.post<{ AccountId: string; AccessKeyId: string; AccessKeySecret: string }>('/api/v1/accounts', { name: 'tenant-kim' });
    expect(created.status).toBe(201);
    const kim = ecsClient(platform.gatewayUrl, { accessKeyId: created.body.AccessKeyId, accessKeySecret: created.body.AccessKeySecret });
    await kim.describeRegions(new $Ecs.DescribeRegionsRequest({}));
    const rotated = await admin.post<{ AccessKeyId: string; AccessKeySecret: string; DisabledAccessKeyId: string }>(`/api/v1/access-keys/${created.body.AccessKeyId}/rotate`);
    expect(rotated.body.DisabledAccessKeyId).toBe(created.body.AccessKeyId);
    expect(await errorCodeOf(kim.describeRegions(new $Ecs.DescribeRegionsRequest({})))).toBe('InvalidAccessKeyId.Inactive');
    await ecsClient(platform.gatewayUrl, { accessKeyId: rotated.body.AccessKeyId, accessKeySecret: rotated.body.AccessKeySecret }).describeRegions(new $Ecs.DescribeRegionsRequest({}));
    const listed = JSON.stringify((await admin.get('/api/v1/accounts')).body);
    expect(listed).toContain(rotated.body.AccessKeyId);
    expect(listed).not.toContain(rotated.body.AccessKeySecret);
    expect(listed).not.toContain(created.body.AccessKeySecret);
    const audit = JSON.stringify((await admin.get('/api/v1/audit?limit=200')).body);
    expect(audit).not.toContain(rotated.body.AccessKeySecret);
  });

  it('quotas: defaults until set, then the stored limits; unknown accounts are refused', async () => {
    const account = (await new AccountRepository(platform.db).listAccounts())[0];
    const set = await admin.put(`/api/v1/quotas/${account.accountId}`, { maxVcpus: 64, maxInstances: 10 });
    expect(set.body).toMatchObject({ accountId: account.accountId, regionId: REGION, maxVcpus: 64, maxInstances: 10, isDefault: false });
    const listed = await admin.get<{ defaults: { maxVcpus: number }; quotas: { accountId: string }[] }>('/api/v1/quotas');
    expect(listed.body.defaults.maxVcpus).toBe(platform.config.quotaDefaults.maxVcpus);
    expect(listed.body.quotas.map((q) => q.accountId)).toContain(account.accountId);
    expect((await admin.put('/api/v1/quotas/1111222233334444', { maxVcpus: 1, maxInstances: 1 })).body).toMatchObject({ Code: 'Account.NotFound' });
    expect((await admin.put(`/api/v1/quotas/${account.accountId}`, { maxVcpus: 1.5, maxInstances: 1 })).body).toMatchObject({ Field: 'maxVcpus' });
  });

  it('fleet and instances: hosts per zone with capacity and liveness, instances searchable across tenants', async () => {
    const { body } = await ecs.runInstances(new $Ecs.RunInstancesRequest({ regionId: REGION, zoneId: 'cn-hangzhou-h', instanceType: 'ecs.g7.large', imageId: 'aliyun_3_x64_20G_alibase_20241103.vhd', instanceName: 'fleet-probe' }));
    const [id] = body!.instanceIdSets!.instanceIdSet!;
    const fleet = await admin.get<{ zones: { zoneId: string; hostsUp: number; vcpus: { used: number } }[]; hosts: { hostId: string; up: boolean; instances: number }[] }>('/api/v1/fleet');
    expect(fleet.body.hosts).toHaveLength(4);
    expect(fleet.body.hosts.every((h) => h.up)).toBe(true);
    expect(fleet.body.zones.find((z) => z.zoneId === 'cn-hangzhou-h')).toMatchObject({ hostsUp: 2 });
    expect(fleet.body.hosts.reduce((n, h) => n + h.instances, 0)).toBeGreaterThanOrEqual(1);
    const found = await admin.get<{ instances: { instanceId: string; hostId: string }[]; total: number }>('/api/v1/instances?text=fleet-pro');
    expect(found.body.instances.map((i) => i.instanceId)).toEqual([id]);
    const onHost = await admin.get<{ instances: { instanceId: string }[] }>(`/api/v1/instances?hostId=${found.body.instances[0].hostId}`);
    expect(onHost.body.instances.map((i) => i.instanceId)).toContain(id);
    expect((await admin.get('/api/v1/instances?status=Exploded')).body).toMatchObject({ Code: 'InvalidParameter', Field: 'status' });
  });

  it('audits every change with who, what, before and after', async () => {
    await admin.put('/api/v1/sale-specs/cn-hangzhou-i/ecs.c7.large', { onSale: false });
    const { body } = await admin.get<{ entries: { actor: string; action: string; target: string; before: unknown; after: unknown; at: string }[] }>('/api/v1/audit?target=sale-spec/cn-hangzhou-i/ecs.c7.large');
    expect(body.entries[0]).toMatchObject({ actor: ADMIN.username, action: 'sale-spec.close', before: { onSale: true }, after: { onSale: false }, at: expect.any(String) });
    await admin.put('/api/v1/sale-specs/cn-hangzhou-i/ecs.c7.large', { onSale: true });
  });

  it('rate-limits logins per username', async () => {
    await admin.post('/api/v1/operators', { username: 'tess-target', password: 'the real password!', role: 'viewer' });
    const guesser = new ConsoleSession(platform.consoleUrl);
    for (let n = 0; n < platform.config.console.loginAttemptsPerWindow; n++) expect((await guesser.login('tess-target', `guess ${n} of many`)).status).toBe(401);
    expect(await guesser.login('tess-target', 'the real password!')).toMatchObject({ status: 429, body: { Code: 'Throttling.Login' } });
  });

  it('keeps the admin CLI bearer token working under /admin', async () => {
    const cli = await fetch(`${platform.adminUrl}/admin/v1/accounts`, { headers: { authorization: 'Bearer wrong' } });
    expect(cli.status).toBe(401);
  });
});

describe('first operator bootstrap', () => {
  it('generates a password once when ECS_ADMIN_PASSWORD is unset, and keeps it across restarts', async () => {
    const first = await startTestPlatform({ ECS_CONSOLE_PORT: '0' });
    const password = first.operatorBootstrap.generatedPassword;
    expect(first.operatorBootstrap).toMatchObject({ username: 'admin', created: true });
    expect(password).toMatch(/^[\w-]{24}$/);
    await first.stop();
    const second = await startTestPlatform({ ECS_CONSOLE_PORT: '0' }, first.dataDir);
    try {
      expect(second.operatorBootstrap).toMatchObject({ created: false, generatedPassword: undefined });
      await ConsoleSession.login(second.consoleUrl, 'admin', password!);
    } finally {
      await second.dispose();
    }
  });
});
