import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { Body, Controller, HttpCode, Post, StreamableFile } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { StaleEpochError } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';
import { configureLogging } from '@ecs/observability';
import { fixedEndpoint } from './client/endpoint-source';
import { InternalClient } from './client/internal-client';
import { createInternalServer, listenInternal } from './server/internal-server';
import { InternalAuthError, NotLeaderError } from './wire/transport-errors';

const TOKEN = 't'.repeat(40);
const stalled: Readable[] = [];

@Controller()
class SampleController {
  @Post('/echo')
  @HttpCode(200)
  echo(@Body() body: { value: number }): { doubled: number } {
    return { doubled: body.value * 2 };
  }

  @Post('/nothing')
  @HttpCode(204)
  nothing(): void {}

  @Post('/refuse')
  refuse(): never {
    throw new EcsError('IncorrectInstanceStatus', 'The instance is Stopping.', 'Wait.');
  }

  @Post('/stale')
  stale(): never {
    throw new StaleEpochError(1, 2);
  }

  @Post('/not-leader')
  notLeader(): never {
    throw new NotLeaderError();
  }

  /** `count` chunks of 64 KiB, each byte its chunk's number. */
  @Post('/bytes')
  @HttpCode(200)
  bytes(@Body() body: { count: number }): StreamableFile {
    if (body.count < 0) throw new EcsError('InvalidInstanceId.NotFound');
    return new StreamableFile(Readable.from(Array.from({ length: body.count }, (_, n) => Buffer.alloc(64 * 1024, n))), { type: 'application/octet-stream' });
  }

  /** A first chunk, then nothing more, ever. */
  @Post('/stall')
  @HttpCode(200)
  stall(): StreamableFile {
    const stream = new Readable({ read() {} });
    stream.push(Buffer.from('first'));
    stalled.push(stream);
    return new StreamableFile(stream);
  }
}

describe('internal JSON-over-HTTP (server and client)', () => {
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => {
    configureLogging({ level: 'silent' });
    app = await createInternalServer({ name: 'spec', token: TOKEN, controllers: [SampleController], providers: [], health: { report: () => ({ status: 'ok', service: 'spec', pid: 1 }) } });
    url = await listenInternal(app, { host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    // fetch opens a fresh keep-alive connection after an aborted body, which Fastify would keep for its 72 s.
    app.getHttpServer().closeAllConnections();
    await app.close();
  });

  const client = (endpoints: string[], token = TOKEN, retryBudgetMs = 500) => new InternalClient({ service: 'spec', token, endpoints: { endpoints: () => endpoints }, timeoutMs: 1_000, retryBudgetMs });

  it('answers an authenticated call, and nothing without the token', async () => {
    await expect(client([url]).post('/echo', { value: 21 }, { idempotent: true })).resolves.toEqual({ doubled: 42 });
    await expect(client([url]).post('/nothing', {}, { idempotent: true })).resolves.toBeUndefined();
    await expect(client([url], 'u'.repeat(40)).post('/echo', { value: 1 }, { idempotent: true })).rejects.toBeInstanceOf(InternalAuthError);
    const bare = await fetch(`${url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"value":1}' });
    expect(bare.status).toBe(401);
  });

  it('serves /healthz without the token', async () => {
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', service: 'spec', pid: 1 });
  });

  it('delivers an EcsError thrown by the peer as the same EcsError', async () => {
    const error = await client([url]).post('/refuse', {}, { idempotent: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EcsError);
    expect(error).toMatchObject({ code: 'IncorrectInstanceStatus', status: 403, message: 'The instance is Stopping.', recommend: 'Wait.' });
    await expect(client([url]).post('/stale', {}, { idempotent: true })).rejects.toBeInstanceOf(StaleEpochError);
  });

  it('moves on from a replica that is not the leader or not listening, whatever the call', async () => {
    const leader = new InternalClient({ service: 'spec', token: TOKEN, endpoints: fixedEndpoint(url), timeoutMs: 1_000 });
    await expect(leader.post('/echo', { value: 2 }, { idempotent: false })).resolves.toEqual({ doubled: 4 });
    const closed = await unusedUrl();
    await expect(client([closed, url]).post('/echo', { value: 3 }, { idempotent: false })).resolves.toEqual({ doubled: 6 });
    await expect(client([url]).post('/not-leader', {}, { idempotent: false })).rejects.toMatchObject({ code: 'ServiceUnavailable' });
  });

  describe('against a peer that drops the connection after reading the request', () => {
    let dropper: Server;
    let dropperUrl: string;
    let received = 0;

    beforeAll(async () => {
      dropper = createServer((request) => {
        received++;
        request.socket.destroy();
      });
      await new Promise<void>((resolve) => dropper.listen(0, '127.0.0.1', resolve));
      dropperUrl = `http://127.0.0.1:${(dropper.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise((resolve) => dropper.close(resolve)));
    beforeEach(() => {
      received = 0;
    });

    it('never repeats a call that is not idempotent: its outcome is unknown', async () => {
      await expect(client([dropperUrl, url]).post('/echo', { value: 1 }, { idempotent: false })).rejects.toMatchObject({ code: 'ServiceUnavailable' });
      expect(received).toBe(1);
    });

    it('repeats an idempotent call on the next replica', async () => {
      await expect(client([dropperUrl, url]).post('/echo', { value: 5 }, { idempotent: true })).resolves.toEqual({ doubled: 10 });
      expect(received).toBe(1);
    });
  });

  describe('answers that are bytes (postForStream)', () => {
    const drain = async (stream: Readable) => {
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    };

    it('streams the whole body, however long it is', async () => {
      const body = await drain(await client([url]).postForStream('/bytes', { count: 40 }, { idempotent: true }));
      expect(body.length).toBe(40 * 64 * 1024);
      expect([body[0], body[64 * 1024], body[body.length - 1]]).toEqual([0, 1, 39]);
    });

    it("delivers the peer's error before any byte as itself", async () => {
      await expect(client([url]).postForStream('/bytes', { count: -1 }, { idempotent: true })).rejects.toMatchObject({ code: 'InvalidInstanceId.NotFound' });
    });

    it('fails a stream that stalls for longer than the timeout', async () => {
      const slow = new InternalClient({ service: 'spec', token: TOKEN, endpoints: fixedEndpoint(url), timeoutMs: 300 });
      const started = Date.now();
      await expect(drain(await slow.postForStream('/stall', {}, { idempotent: true }))).rejects.toThrow(/sent nothing for 300 ms/);
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      // The peer learns that the reader gave up: its stream (a temporary disk export, say) is let go.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(stalled.every((stream) => stream.destroyed)).toBe(true);
    });
  });

  it('gives up with ServiceUnavailable once the retry budget is spent', async () => {
    const started = Date.now();
    await expect(client([], TOKEN, 300).post('/echo', {}, { idempotent: true })).rejects.toMatchObject({ code: 'ServiceUnavailable' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });
});

/** A loopback URL nothing listens on (the port was free a moment ago). */
async function unusedUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}`;
}
