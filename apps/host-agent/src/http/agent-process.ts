import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { HostAgentServiceConfig } from '@ecs/config';
import type { HostRegistration } from '@ecs/contracts';
import { createCoordinator } from '@ecs/coordination';
import { createEventBus } from '@ecs/events';
import { createLogger } from '@ecs/observability';
import { HttpImageCache, listenInternal } from '@ecs/transport';
import { HostAgent } from '../host-agent';
import { hostMachine, type MachineHypervisor } from '../machine/host-machine';
import { HttpMetadataSockets } from '../metadata/http-metadata-sockets';
import { MetadataSocketSync } from '../metadata/metadata-socket-sync';
import { OpsShell } from '../ops-shell';
import { AgentCommandIntake } from './agent-commands';
import { createAgentServer } from './agent-server';
import { HostAccess } from './host-access';
import { HttpDesiredState } from './http-desired-state';
import { ImageCenterBlobs } from './image-center-blobs';
import { OpsShellSessions } from './ops-shell-sessions';

const log = createLogger('host-agent.process');

export interface AgentProcess {
  readonly url: string;
  readonly agent: HostAgent;
  stop(): Promise<void>;
}

/**
 * One host agent on the real systems: commands in over HTTP (fenced by epoch, authenticated), its
 * registration in ZooKeeper (address, capacity, cached images; ephemeral), desired state pulled
 * from the control leader over HTTP, VM-state reports out to Kafka. Guests are simulated or real
 * QEMU processes (ECS_HYPERVISOR); images are pulled from the image center into the host's cache,
 * and a qemu host's guests reach the metaserver process beside the agent. With ECS_BASTION_AGENT_KEY
 * the bastion's operators reach the host's ops shell over the same server.
 */
export async function startAgentProcess(config: HostAgentServiceConfig): Promise<AgentProcess> {
  const dataDir = resolve(config.dataDir);
  const { hostId } = config.host;
  const coordinator = await createCoordinator({ kind: 'zookeeper', ...config.zookeeper });
  const events = createEventBus({ kind: 'kafka', brokers: config.kafka.brokers, clientId: `ecs-host-agent-${hostId}`, topicPrefix: config.kafka.topicPrefix });
  const desiredState = await HttpDesiredState.start(coordinator, config.internalToken);
  const blobs = await ImageCenterBlobs.start(coordinator, config.regionId);
  // In a cluster the blob endpoint takes the internal token (docs/decisions/0097).
  const imageCache = new HttpImageCache({ blobEndpoints: blobs, token: config.internalToken, cacheDir: join(config.imageCacheDir ?? join(dataDir, 'image-cache'), hostId) });
  await imageCache.open();
  const metadata = config.hypervisor.kind === 'qemu' ? await HttpMetadataSockets.start(coordinator, config.internalToken, hostId) : undefined;
  const hypervisor: MachineHypervisor = metadata ? await qemuHypervisor(config, dataDir, metadata) : { kind: 'sim', bootMs: config.hypervisor.bootMs, shutdownMs: config.hypervisor.shutdownMs };
  const machine = hostMachine(hypervisor, { hostId, capacity: { vcpus: config.host.vcpus, memoryMiB: config.host.memoryMiB, diskGiB: config.host.diskGiB }, imageCache });
  const metadataSync = metadata && new MetadataSocketSync(machine.driver, metadata, config.resyncIntervalMs, log);
  const intake = new AgentCommandIntake();
  // The bastion's way in (docs/decisions/0105): only with the key it signs session opens with.
  const opsSessions = config.opsAgentKey === undefined ? undefined : new OpsShellSessions(new OpsShell({ facts: config.host, driver: machine.driver, key: Buffer.from(config.opsAgentKey, 'utf8') }));
  const server = await createAgentServer({
    commands: intake,
    access: new HostAccess(machine.driver, machine),
    opsSessions,
    token: config.internalToken,
    health: { report: () => ({ status: intake.attached ? 'ok' : 'unavailable', service: 'host-agent', pid: process.pid }) },
  });
  const url = await listenInternal(server, config.server);
  const registration: HostRegistration = { ...config.host, address: url, cachedImageIds: await imageCache.cachedImageIds() };
  // Guests that outlived an earlier agent get their metadata sockets back before the agent acts.
  await metadataSync?.start();
  const started = new HostAgent(registration, machine.driver, events, desiredState, coordinator, {
    resyncIntervalMs: config.resyncIntervalMs,
    shutdownTimeoutMs: machine.shutdownTimeoutMs,
    imageCache,
  });
  await started.start();
  intake.attach(started);
  log.info('host agent ready', { hostId, zoneId: config.host.zoneId, hypervisor: config.hypervisor.kind, url });
  return {
    url,
    agent: started,
    async stop() {
      await server.close();
      await opsSessions?.closeAll();
      await started.stop();
      await metadataSync?.stop();
      // Guests keep running; the next agent over the same state folder takes them over.
      await machine.close();
      metadata?.close();
      blobs.close();
      desiredState.close();
      await events.close();
      await coordinator.close();
    },
  };
}

/** The host's QEMU domains in `<stateDir>/<hostId>`, its disk exports beside them (docs/decisions/0099). */
async function qemuHypervisor(config: HostAgentServiceConfig, dataDir: string, metadata: HttpMetadataSockets): Promise<MachineHypervisor> {
  const { hypervisor, host } = config;
  const root = resolve(hypervisor.qemu.stateDir ?? join(dataDir, 'qemu'));
  const exportDir = join(root, 'exports', host.hostId);
  // Exports are read once and released; what a crash left halfway is of no use to anyone.
  await rm(exportDir, { recursive: true, force: true });
  return { kind: 'qemu', stateDir: join(root, host.hostId), exportDir, accel: hypervisor.qemu.accel, metadata };
}
