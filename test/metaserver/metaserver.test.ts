import { generateKeyPairSync, verify } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPlatformConfig } from '@ecs/config';
import type { InstanceMetadata, InstanceMetadataSource } from '@ecs/contracts';
import { configureLogging, createLogger } from '@ecs/observability';
import { IdentitySigner, MetaServer, SessionTokens, startMetaServerHost, type RunningMetaServerHost } from '../../apps/metaserver/src';
import { guestRequest, TOKEN, tokenFor, TTL } from './guest-client';

const ALPHA_SCRIPT = '#!/bin/sh\necho alpha-secret-user-data\n';
const BETA_SCRIPT = '#!/bin/sh\necho beta-secret-user-data\n';

/** Two tenants' instances with the same private IP (separate VPCs): only the socket tells them apart. */
function instance(overrides: Partial<InstanceMetadata> & Pick<InstanceMetadata, 'instanceId'>): InstanceMetadata {
  return {
    hostName: overrides.instanceId,
    imageId: 'm-tiny',
    regionId: 'cn-test-1',
    zoneId: 'cn-test-1a',
    mac: '00:16:3e:00:00:0a',
    privateIpv4: '192.168.0.10',
    instanceType: 'ecs.g7.large',
    ownerAccountId: '1111111111',
    vpcId: 'vpc-alpha',
    vSwitchId: 'vsw-alpha',
    userData: undefined,
    ...overrides,
  };
}

class MapSource implements InstanceMetadataSource {
  constructor(readonly instances: Map<string, InstanceMetadata>) {}
  async metadataFor(instanceId: string): Promise<InstanceMetadata | undefined> {
    return this.instances.get(instanceId);
  }
}

describe('metaserver over per-instance unix sockets', () => {
  let dir: string;
  let host: RunningMetaServerHost & { managementUrl: string };
  let managementUrl: string;
  let alpha: string;
  let beta: string;
  const logLines: string[] = [];
  const source = new MapSource(
    new Map([
      ['i-alpha', instance({ instanceId: 'i-alpha', hostName: 'alpha-web', userData: Buffer.from(ALPHA_SCRIPT).toString('base64') })],
      ['i-beta', instance({ instanceId: 'i-beta', hostName: 'beta-db', ownerAccountId: '2222222222', vpcId: 'vpc-beta', userData: Buffer.from(BETA_SCRIPT).toString('base64') })],
    ]),
  );

  beforeAll(async () => {
    configureLogging({ level: 'debug', sink: (line) => logLines.push(line) });
    dir = mkdtempSync(join(tmpdir(), 'meta-'));
    const config = loadPlatformConfig({ ECS_METASERVER_PORT: '0', ECS_METASERVER_SOCKET_DIR: join(dir, 'sockets') }).metaserver;
    host = await startMetaServerHost({ dataDir: dir, config, source });
    managementUrl = host.managementUrl;
    await host.metaServer.attach('i-alpha');
    await host.metaServer.attach('i-beta');
    alpha = host.metaServer.socketPath('i-alpha');
    beta = host.metaServer.socketPath('i-beta');
  });
  afterAll(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
    configureLogging({ level: 'silent' });
  });

  it('serves a guest its metadata in token mode, in the Alibaba text formats', async () => {
    const token = await tokenFor(alpha, 600);
    const read = (path: string) => guestRequest(alpha, 'GET', path, { [TOKEN]: token });
    expect((await read('/latest/meta-data/instance-id')).body).toBe('i-alpha');
    expect((await read('/latest/meta-data/hostname')).body).toBe('alpha-web');
    expect((await read('/latest/meta-data/private-ipv4')).body).toBe('192.168.0.10');
    expect((await read('/latest/meta-data/instance/instance-type')).body).toBe('ecs.g7.large');
    expect((await read('/latest/meta-data/network/interfaces/macs/00:16:3e:00:00:0a/vpc-id')).body).toBe('vpc-alpha');
    expect((await read('/latest/meta-data/')).body.split('\n')).toEqual(expect.arrayContaining(['instance-id', 'image-id', 'region-id', 'zone-id', 'mac', 'instance/', 'network/']));
    expect(await read('/latest/user-data')).toMatchObject({ status: 200, body: ALPHA_SCRIPT });
    expect((await read('/latest/meta-data/nothing-here')).status).toBe(404);
  });

  it('answers 401 without a token or with one that is not valid', async () => {
    expect((await guestRequest(alpha, 'GET', '/latest/meta-data/instance-id')).status).toBe(401);
    expect((await guestRequest(alpha, 'GET', '/latest/user-data', { [TOKEN]: 'made-up' })).status).toBe(401);
    expect((await guestRequest(alpha, 'GET', '/latest/user-data', { [TOKEN]: 'A'.repeat(75) })).status).toBe(401);
  });

  it('answers 401 once a token has expired', async () => {
    let now = Date.parse('2025-01-01T00:00:00Z');
    const clocked = new MetaServer({
      socketDir: join(dir, 'clocked'),
      source,
      signer: IdentitySigner.fromPem(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
      log: createLogger('test'),
      tokens: new SessionTokens(undefined, () => now),
    });
    await clocked.attach('i-alpha');
    try {
      const socket = clocked.socketPath('i-alpha');
      const token = await tokenFor(socket, 30);
      expect((await guestRequest(socket, 'GET', '/latest/meta-data/instance-id', { [TOKEN]: token })).status).toBe(200);
      now += 30_000;
      expect((await guestRequest(socket, 'GET', '/latest/meta-data/instance-id', { [TOKEN]: token })).status).toBe(401);
    } finally {
      await clocked.close();
    }
  });

  it('refuses token requests relayed with X-Forwarded-For, and TTLs outside 1–21600 seconds', async () => {
    expect((await guestRequest(alpha, 'PUT', '/latest/api/token', { [TTL]: '60', 'X-Forwarded-For': '192.168.0.99' })).status).toBe(403);
    for (const ttl of ['0', '21601', '-1', 'forever']) expect((await guestRequest(alpha, 'PUT', '/latest/api/token', { [TTL]: ttl })).status).toBe(400);
    expect((await guestRequest(alpha, 'PUT', '/latest/api/token')).status).toBe(400);
    const longest = await guestRequest(alpha, 'PUT', '/latest/api/token', { [TTL]: '21600' });
    expect(longest.status).toBe(200);
    expect(longest.headers[TTL.toLowerCase()]).toBe('21600');
    expect((await guestRequest(alpha, 'GET', '/latest/api/token')).status).toBe(405);
    expect((await guestRequest(alpha, 'POST', '/latest/meta-data/instance-id')).status).toBe(405);
  });

  it("never lets one guest read another's data, whatever it sends, though both have the same private IP", async () => {
    const alphaToken = await tokenFor(alpha);
    const betaToken = await tokenFor(beta);
    // Alpha's token means nothing on beta's socket, and the other way round.
    expect((await guestRequest(beta, 'GET', '/latest/user-data', { [TOKEN]: alphaToken })).status).toBe(401);
    expect((await guestRequest(alpha, 'GET', '/latest/user-data', { [TOKEN]: betaToken })).status).toBe(401);
    // Headers that name the other instance change nothing: the socket is the identity.
    const spoofing = { [TOKEN]: alphaToken, 'X-Forwarded-For': '192.168.0.10', Host: 'i-beta', 'X-Instance-Id': 'i-beta' };
    expect((await guestRequest(alpha, 'GET', '/latest/meta-data/instance-id', spoofing)).body).toBe('i-alpha');
    expect((await guestRequest(alpha, 'GET', '/latest/user-data', spoofing)).body).toBe(ALPHA_SCRIPT);
    expect((await guestRequest(beta, 'GET', '/latest/user-data', { [TOKEN]: betaToken })).body).toBe(BETA_SCRIPT);
    expect((await guestRequest(beta, 'GET', '/latest/meta-data/owner-account-id', { [TOKEN]: betaToken })).body).toBe('2222222222');
  });

  it('signs the identity document with a key whose public half the management port publishes', async () => {
    const token = await tokenFor(beta);
    const document = (await guestRequest(beta, 'GET', '/latest/dynamic/instance-identity/document', { [TOKEN]: token })).body;
    const signature = (await guestRequest(beta, 'GET', '/latest/dynamic/instance-identity/signature', { [TOKEN]: token })).body;
    const publicKey = await (await fetch(`${managementUrl}/v1/identity/public-key`)).text();
    expect(JSON.parse(document)).toMatchObject({ 'instance-id': 'i-beta', 'owner-account-id': '2222222222', 'private-ipv4': '192.168.0.10' });
    expect(verify('sha256', Buffer.from(document), publicKey, Buffer.from(signature, 'base64'))).toBe(true);
    expect(verify('sha256', Buffer.from(document.replace('i-beta', 'i-alpha')), publicKey, Buffer.from(signature, 'base64'))).toBe(false);
    expect(statSync(join(dir, 'metaserver-identity.pem')).mode & 0o777).toBe(0o600);
  });

  it('never logs user-data or tokens', async () => {
    logLines.length = 0;
    const token = await tokenFor(alpha);
    await guestRequest(alpha, 'GET', '/latest/user-data', { [TOKEN]: token });
    await guestRequest(beta, 'GET', '/latest/user-data', { [TOKEN]: token });
    const logged = logLines.join('\n');
    expect(logged).toContain('/latest/user-data');
    for (const secret of ['alpha-secret-user-data', Buffer.from(ALPHA_SCRIPT).toString('base64'), token]) expect(logged).not.toContain(secret);
  });

  it('answers 404 for an instance that is gone, and removes the socket on detach', async () => {
    source.instances.set('i-gone', instance({ instanceId: 'i-gone' }));
    await host.metaServer.attach('i-gone');
    const socket = host.metaServer.socketPath('i-gone');
    const token = await tokenFor(socket);
    source.instances.delete('i-gone');
    expect((await guestRequest(socket, 'GET', '/latest/meta-data/instance-id', { [TOKEN]: token })).status).toBe(404);
    await host.metaServer.detach('i-gone');
    expect(existsSync(socket)).toBe(false);
    await expect(guestRequest(socket, 'GET', '/latest/meta-data/')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('attaches exactly the instances it is told to run, with private sockets', async () => {
    await host.metaServer.reconcile(['i-beta', 'i-gamma']);
    expect(host.metaServer.attached()).toEqual(['i-beta', 'i-gamma']);
    expect(existsSync(alpha)).toBe(false);
    expect(statSync(host.metaServer.socketPath('i-gamma')).mode & 0o777).toBe(0o600);
    expect(host.metaServer.socketPath('i-gamma')).toBe(join(dir, 'sockets', 'i-gamma.sock'));
    await host.metaServer.reconcile(['i-alpha', 'i-beta']);
    expect(host.metaServer.attached()).toEqual(['i-alpha', 'i-beta']);
    expect(() => host.metaServer.socketPath('../i-alpha')).toThrow(/not a valid instance id/);
    await expect(host.metaServer.attach('i-a/b')).rejects.toThrow(/not a valid instance id/);
  });
});

/** What busybox nc behind the hypervisor's socat relay sends: the request, then at once the end of its half. */
function halfClosingRequest(socketPath: string, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
    socket.end(request);
  });
}

describe('metaserver sockets in a cluster, where metadata comes from control over the network', () => {
  let dir: string;
  let server: MetaServer;
  const slowSource: InstanceMetadataSource = {
    metadataFor: (instanceId) => new Promise((resolve) => setTimeout(() => resolve(instanceId === 'i-slow' ? instance({ instanceId: 'i-slow' }) : undefined), 30)),
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'meta-slow-'));
    server = new MetaServer({
      socketDir: join(dir, 'sockets'),
      source: slowSource,
      signer: IdentitySigner.fromPem(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
      log: createLogger('test'),
    });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a guest that half-closes after its request although the metadata arrives later (regression: tinylinux guests on a cluster got no token)', async () => {
    await server.attach('i-slow');
    const socket = server.socketPath('i-slow');
    const tokenAnswer = await halfClosingRequest(socket, `PUT /latest/api/token HTTP/1.0\r\nHost: 100.100.100.200\r\n${TTL}: 60\r\nContent-Length: 0\r\n\r\n`);
    expect(tokenAnswer).toMatch(/^HTTP\/1\.1 200 /);
    const token = tokenAnswer.split('\r\n\r\n')[1];
    const idAnswer = await halfClosingRequest(socket, `GET /latest/meta-data/instance-id HTTP/1.0\r\nHost: 100.100.100.200\r\n${TOKEN}: ${token}\r\n\r\n`);
    expect(idAnswer).toMatch(/^HTTP\/1\.1 200 /);
    expect(idAnswer.endsWith('\r\n\r\ni-slow')).toBe(true);
  });

  it('attaches an instance asked for twice at once on one socket (regression: the second attach failed with EADDRINUSE)', async () => {
    await Promise.all([server.attach('i-twice'), server.attach('i-twice'), server.reconcile(['i-slow', 'i-twice'])]);
    expect(server.attached()).toEqual(['i-slow', 'i-twice']);
    const answer = await guestRequest(server.socketPath('i-twice'), 'PUT', '/latest/api/token', { [TTL]: '60' });
    // The instance is unknown to the source: the socket answers, and answers as the metaserver does for a gone instance.
    expect(answer.status).toBe(404);
    await server.detach('i-twice');
    expect(existsSync(server.socketPath('i-twice'))).toBe(false);
  });
});
