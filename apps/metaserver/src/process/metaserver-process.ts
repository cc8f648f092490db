import { join, resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { MetaServerServiceConfig } from '@ecs/config';
import { SERVICE_GROUPS, type MetaServerEndpoint } from '@ecs/contracts';
import { createCoordinator } from '@ecs/coordination';
import { createLogger } from '@ecs/observability';
import { listenInternal } from '@ecs/transport';
import { createMetaServerHost } from '../create-metaserver';
import { HttpInstanceMetadata } from './http-instance-metadata';
import { MetadataSockets } from './metadata-sockets';
import { createMetaServerServer } from './metaserver-server';

const log = createLogger('metaserver.process');

export interface MetaServerProcess {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * The metaserver of one hypervisor host, beside its host agent (docs/decisions/0098): guests'
 * sockets under `<dataDir>/metaserver/<hostId>/sockets` (attached and detached at the agent's
 * request), metadata read from control over HTTP, the region's identity key shared with the other hosts'
 * metaservers (`ECS_METASERVER_IDENTITY_KEY_FILE`, or `<dataDir>/metaserver/identity.pem`),
 * announced in ZooKeeper under its host id so that the host's agent finds it.
 */
export async function startMetaServerProcess(config: MetaServerServiceConfig): Promise<MetaServerProcess> {
  const hostDir = join(resolve(config.dataDir), 'metaserver', config.hostId);
  const coordinator = await createCoordinator({ kind: 'zookeeper', ...config.zookeeper });
  const source = await HttpInstanceMetadata.start(coordinator, config.internalToken);
  // One key for the region: every host's documents verify against the one public key.
  const identityKeyFile = config.identityKeyFile ?? join(resolve(config.dataDir), 'metaserver', 'identity.pem');
  const host = await createMetaServerHost({ dataDir: hostDir, socketDir: config.socketDir ?? join(hostDir, 'sockets'), source, identityKeyFile });
  let ready = false;
  const server: NestFastifyApplication = await createMetaServerServer({
    sockets: new MetadataSockets(host.metaServer),
    publicKeyPem: host.publicKeyPem,
    token: config.internalToken,
    health: { report: () => ({ status: ready ? 'ok' : 'unavailable', service: 'metaserver', pid: process.pid }) },
  });
  const url = await listenInternal(server, config.server);
  const endpoint: MetaServerEndpoint = { url, pid: process.pid, hostId: config.hostId };
  const registration = await coordinator.register(SERVICE_GROUPS.metaserver, config.hostId, endpoint);
  ready = true;
  log.info('metaserver ready', { hostId: config.hostId, url });
  return {
    url,
    async stop() {
      ready = false;
      await registration.close();
      await server.close();
      // The sockets go with the process; the agent attaches them again when a metaserver is back.
      await host.close();
      source.close();
      await coordinator.close();
    },
  };
}
