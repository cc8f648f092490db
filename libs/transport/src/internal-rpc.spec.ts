import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { StaleEpochError } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';
import { configureLogging } from '@ecs/observability';
import { fixedEndpoint } from './client/endpoint-source';
import { InternalClient } from './client/internal-client';
import { createInternalServer, listenInternal } from './server/internal-server';
import { InternalAuthError, NotLeaderError } from './wire/transport-errors';

const TOKEN = 't'.repeat(40);

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
}

describe('internal JSON-over-HTTP (server and client)', () => {
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => {
    configureLogging({ level: 'silent' });
    app = await createInternalServer({ name: 'spec', token: TOKEN, controllers: [SampleController], providers: [], health: { report: () => ({ status: 'ok', service: 'spec', pid: 1 }) } });
    url = await listenInternal(app, { host: '127.0.0.1', port: 0 });
  });
  afterAll(() => app.close());

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
