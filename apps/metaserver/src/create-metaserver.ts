import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { PlatformConfig } from '@ecs/config';
import type { InstanceMetadataSource } from '@ecs/contracts';
import { createLogger } from '@ecs/observability';
import { createManagementServer } from './http/management-server';
import { IdentitySigner } from './identity/identity-signer';
import { MetaServer } from './metaserver';

export interface MetaServerHostOptions {
  /** Holds the identity signing key (`metaserver-identity.pem`, mode 0600). */
  readonly dataDir: string;
  /** One socket per attached instance (default `<dataDir>/metaserver`). */
  readonly socketDir?: string;
  readonly source: InstanceMetadataSource;
  /** The identity signing key, when it is shared with other hosts' metaservers; `<dataDir>/metaserver-identity.pem` by default. */
  readonly identityKeyFile?: string;
}

export interface RunningMetaServerHost {
  /** attach / detach / reconcile the instances of this host; `socketPath` for the hypervisor. */
  readonly metaServer: MetaServer;
  readonly publicKeyPem: string;
  /** Serves the management port (public key, health); resolves with its URL. */
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
}

const KEY_FILE = 'metaserver-identity.pem';
const log = createLogger('metaserver');

/** Wires the metaserver of one host: its identity key, its per-instance sockets, its management port. */
export async function createMetaServerHost(options: MetaServerHostOptions): Promise<RunningMetaServerHost> {
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const signer = await IdentitySigner.loadOrCreate(options.identityKeyFile ?? join(options.dataDir, KEY_FILE), log);
  const metaServer = new MetaServer({ socketDir: options.socketDir ?? join(options.dataDir, 'metaserver'), source: options.source, signer, log });
  const management = createManagementServer(signer.publicKeyPem);
  let listening = false;
  return {
    metaServer,
    publicKeyPem: signer.publicKeyPem,
    async listen(port, host) {
      await new Promise<void>((resolve, reject) => {
        management.once('error', reject);
        management.listen(port, host, () => {
          management.off('error', reject);
          resolve();
        });
      });
      listening = true;
      return urlOf(management);
    },
    async close() {
      await metaServer.close();
      if (listening) await new Promise<void>((resolve) => management.close(() => resolve()));
    },
  };
}

function urlOf(server: Server): string {
  const { address, port } = server.address() as AddressInfo;
  const host = address === '0.0.0.0' || address === '::' ? '127.0.0.1' : address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Starts a host's metaserver from the platform config: sockets under `socketDir`, management port listening. */
export async function startMetaServerHost(options: { readonly dataDir: string; readonly config: PlatformConfig['metaserver']; readonly source: InstanceMetadataSource }): Promise<RunningMetaServerHost & { readonly managementUrl: string }> {
  const host = await createMetaServerHost({ dataDir: options.dataDir, source: options.source, ...(options.config.socketDir !== undefined && { socketDir: options.config.socketDir }) });
  const managementUrl = await host.listen(options.config.port, options.config.host);
  return { ...host, managementUrl };
}
