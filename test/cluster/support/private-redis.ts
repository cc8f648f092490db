import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from '../../../deploy/cluster/local-infra';

/** A redis-server of this test's own on a free loopback port, so FLUSHALL touches nobody else's keys. */
export class PrivateRedis {
  private constructor(
    private readonly server: ChildProcess,
    readonly url: string,
  ) {}

  static async start(): Promise<PrivateRedis> {
    const port = await freePort();
    const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const redis = new PrivateRedis(server, `redis://127.0.0.1:${port}`);
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        await redis.run((client) => client.ping());
        return redis;
      } catch (error) {
        if (Date.now() > deadline) {
          server.kill('SIGKILL');
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  flushAll(): Promise<unknown> {
    return this.run((client) => client.flushall());
  }

  keyCount(): Promise<number> {
    return this.run((client) => client.dbsize());
  }

  async stop(): Promise<void> {
    if (this.server.exitCode !== null) return;
    const exited = new Promise((resolve) => this.server.once('exit', resolve));
    this.server.kill('SIGTERM');
    await exited;
  }

  private async run<T>(command: (client: Redis) => Promise<T>): Promise<T> {
    const client = new Redis(this.url, { maxRetriesPerRequest: 0, lazyConnect: true });
    try {
      await client.connect();
      return await command(client);
    } finally {
      client.disconnect();
    }
  }
}
