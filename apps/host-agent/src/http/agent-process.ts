import type { HostAgentServiceConfig } from '@ecs/config';
import type { HostRegistration } from '@ecs/contracts';
import { createCoordinator } from '@ecs/coordination';
import { createEventBus } from '@ecs/events';
import { SimDriver } from '@ecs/hypervisor';
import { createLogger } from '@ecs/observability';
import { listenInternal } from '@ecs/transport';
import { HostAgent } from '../host-agent';
import { AgentCommandIntake } from './agent-commands';
import { createAgentServer } from './agent-server';
import { HttpDesiredState } from './http-desired-state';

const log = createLogger('host-agent.process');

export interface AgentProcess {
  readonly url: string;
  readonly agent: HostAgent;
  stop(): Promise<void>;
}

/**
 * One host agent on the real systems: commands in over HTTP (fenced by epoch, authenticated), its
 * registration in ZooKeeper (address and capacity, ephemeral), desired state pulled from the control
 * leader over HTTP, VM-state reports out to Kafka.
 */
export async function startAgentProcess(config: HostAgentServiceConfig): Promise<AgentProcess> {
  const coordinator = await createCoordinator({ kind: 'zookeeper', ...config.zookeeper });
  const events = createEventBus({ kind: 'kafka', brokers: config.kafka.brokers, clientId: `ecs-host-agent-${config.host.hostId}`, topicPrefix: config.kafka.topicPrefix });
  const desiredState = await HttpDesiredState.start(coordinator, config.internalToken);
  const driver = new SimDriver({
    hostName: config.host.hostId,
    capacity: { vcpus: config.host.vcpus, memoryMiB: config.host.memoryMiB, diskGiB: config.host.diskGiB },
    bootMs: config.hypervisor.bootMs,
    guestShutdownMs: config.hypervisor.shutdownMs,
  });
  const intake = new AgentCommandIntake();
  const server = await createAgentServer({
    commands: intake,
    token: config.internalToken,
    health: { report: () => ({ status: intake.attached ? 'ok' : 'unavailable', service: 'host-agent', pid: process.pid }) },
  });
  const url = await listenInternal(server, config.server);
  const registration: HostRegistration = { ...config.host, address: url, cachedImageIds: [] };
  const started = new HostAgent(registration, driver, events, desiredState, coordinator, {
    resyncIntervalMs: config.resyncIntervalMs,
    shutdownTimeoutMs: Math.max(5_000, config.hypervisor.shutdownMs * 4),
  });
  await started.start();
  intake.attach(started);
  log.info('host agent ready', { hostId: config.host.hostId, zoneId: config.host.zoneId, url });
  return {
    url,
    agent: started,
    async stop() {
      await server.close();
      await started.stop();
      desiredState.close();
      await events.close();
      await coordinator.close();
    },
  };
}
