import { createServer } from 'node:http';
import { join } from 'node:path';
import { MemoryCache } from '@ecs/cache';
import { newRequestId } from '@ecs/domain';
import { AccountRepository, Database, InstanceRepository } from '@ecs/persistence';
import { RequestAuthenticator, toErrorResponse } from '../../apps/openapi-gateway/src';

/**
 * The baseline: a bare node:http server running the gateway's own admission check (the same
 * RequestAuthenticator: signature, timestamp, nonce, throttle) and the same DescribeInstances read
 * (the same repository query and tags) against the platform's database — no framework, no hops.
 */
async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: bare-server <data dir>');
  const db = await Database.open({ kind: 'sqlite', file: join(dataDir, 'ecs.sqlite') }, { runMigrations: false });
  const instances = new InstanceRepository(db);
  const authenticator = new RequestAuthenticator({
    credentials: new AccountRepository(db),
    cache: new MemoryCache({ keyPrefix: 'bare:' }),
    config: { timestampWindowMs: 15 * 60 * 1000, throttlePerSecond: 1_000_000 },
  });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const requestId = newRequestId();
      const raw = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: chunks.length ? Buffer.concat(chunks) : undefined, sourceIp: req.socket.remoteAddress ?? '' };
      authenticator
        .authenticate(raw)
        .then(async (call) => {
          const page = await instances.query({ accountId: call.caller.accountId, regionId: call.regionId ?? '', pageNumber: 1, pageSize: 10 });
          const tags = await instances.tagsOf(page.rows.map((r) => r.instanceId));
          const body = JSON.stringify({ RequestId: requestId, TotalCount: page.total, Instances: { Instance: page.rows.map((r) => ({ ...r, Tags: tags.get(r.instanceId) ?? [] })) } });
          res.writeHead(200, { 'content-type': 'application/json' }).end(body);
        })
        .catch((error: unknown) => {
          const response = toErrorResponse(error, requestId, 'bare');
          res.writeHead(response.status, { 'content-type': 'application/json' }).end(JSON.stringify(response.body));
        });
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    if (address && typeof address === 'object') process.stdout.write(`bare server http://127.0.0.1:${address.port}\n`);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
