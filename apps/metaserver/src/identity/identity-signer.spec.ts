import { verify } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@ecs/observability';
import { IdentitySigner } from './identity-signer';

describe('IdentitySigner', () => {
  let dir: string;
  const log = createLogger('test');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'identity-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates its key once, private to its owner, and signs verifiably with it across restarts', async () => {
    const file = join(dir, 'identity.pem');
    const first = await IdentitySigner.loadOrCreate(file, log);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const document = '{"instance-id":"i-1"}';
    const signature = first.sign(document);
    const again = await IdentitySigner.loadOrCreate(file, log);
    expect(again.publicKeyPem).toBe(first.publicKeyPem);
    expect(verify('sha256', Buffer.from(document), again.publicKeyPem, Buffer.from(signature, 'base64'))).toBe(true);
    expect(verify('sha256', Buffer.from('{"instance-id":"i-2"}'), again.publicKeyPem, Buffer.from(signature, 'base64'))).toBe(false);
  });

  it('gives metaservers that share one key file one key, even when they all start at once', async () => {
    const file = join(dir, 'region', 'identity.pem');
    const signers = await Promise.all(Array.from({ length: 4 }, () => IdentitySigner.loadOrCreate(file, log)));
    expect(new Set(signers.map((s) => s.publicKeyPem)).size).toBe(1);
    const signature = signers[1].sign('{"instance-id":"i-1"}');
    expect(verify('sha256', Buffer.from('{"instance-id":"i-1"}'), signers[3].publicKeyPem, Buffer.from(signature, 'base64'))).toBe(true);
  });

  it('restricts a key file others could read', async () => {
    const file = join(dir, 'identity.pem');
    await IdentitySigner.loadOrCreate(file, log);
    chmodSync(file, 0o644);
    await IdentitySigner.loadOrCreate(file, log);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
