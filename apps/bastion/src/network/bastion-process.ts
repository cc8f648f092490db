import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BastionServiceConfig } from '@ecs/config';
import { createCoordinator } from '@ecs/coordination';
import { createLogger } from '@ecs/observability';
import { Database } from '@ecs/persistence';
import { createInternalServer, listenInternal } from '@ecs/transport';
import { opsAgentKey, startBastion } from '../start-bastion';
import { HttpOpsShells } from './http-ops-shells';

const log = createLogger('bastion.process');

export interface BastionProcess {
  /** The operators' endpoint (API, web terminal). */
  readonly url: string;
  /** Health only. */
  readonly internalUrl: string;
  stop(): Promise<void>;
}

/**
 * The bastion as its own process: users, grants, audit and recordings in MariaDB, each host's ops
 * shell reached over its agent's internal HTTP API (found in ZooKeeper), the operators' port, and
 * an internal server that only answers health probes. Writes `bastion.json` to the data dir, as the
 * all-in-one does, so the bastion CLI on the same machine finds it.
 */
export async function startBastionProcess(config: BastionServiceConfig): Promise<BastionProcess> {
  const dataDir = resolve(config.dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = await Database.open(config.db, { runMigrations: false });
  const coordinator = await createCoordinator({ kind: 'zookeeper', ...config.zookeeper });
  const shells = await HttpOpsShells.start(coordinator, config.internalToken);
  const bastion = await startBastion({ db, dataDir, agentKey: opsAgentKey(config.bastion.agentKey), config: config.bastion, shells });
  const health = await createInternalServer({
    name: 'bastion.http',
    token: config.internalToken,
    controllers: [],
    providers: [],
    health: { report: () => ({ status: 'ok', service: 'bastion', pid: process.pid }) },
  });
  const internalUrl = await listenInternal(health, config.server);
  log.info('bastion ready', { url: bastion.url, internalUrl });
  return {
    url: bastion.url,
    internalUrl,
    async stop() {
      await health.close();
      await bastion.close();
      shells.close();
      await coordinator.close();
      await db.close();
    },
  };
}
