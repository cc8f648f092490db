import type { HostRegistration } from '@ecs/contracts';
import { SERVICE_GROUPS } from '@ecs/contracts';
import { createCoordinator } from '@ecs/coordination';
import type { ClusterFile } from './cluster-file';
import { health, isComponentProcess } from './cluster-processes';

export interface ProcessStatus {
  readonly name: string;
  readonly role: string;
  readonly pid: number;
  readonly port: number;
  readonly running: boolean;
  readonly healthy: boolean;
  readonly leading?: boolean;
  readonly epoch?: number;
}

export interface HostStatus {
  readonly hostId: string;
  readonly agent: string;
  readonly agentRunning: boolean;
  /** Registered in ZooKeeper: what control's scheduler sees as alive. */
  readonly alive: boolean;
  readonly zoneId: string | undefined;
  /** With qemu: the host's metaserver process, and whether it is registered for the host's guests. */
  readonly metaserver?: { readonly name: string; readonly running: boolean; readonly registered: boolean };
}

export interface ClusterStatus {
  readonly gatewayUrl: string;
  readonly bastionUrl: string | undefined;
  readonly leader: { readonly name: string; readonly pid: number; readonly epoch: number | undefined } | null;
  readonly processes: readonly ProcessStatus[];
  readonly hosts: readonly HostStatus[];
}

/**
 * Each process's liveness and health (the control replicas say whether they lead, with which
 * epoch), and each host's liveness as the scheduler sees it: its agent's ephemeral registration.
 */
export async function clusterStatus(cluster: ClusterFile, zookeeperSessionTimeoutMs: number): Promise<ClusterStatus> {
  const processes = await Promise.all(
    cluster.processes.map(async (p): Promise<ProcessStatus> => {
      const running = isComponentProcess(p.pid);
      const report = running ? await health(p.port) : undefined;
      return {
        name: p.name,
        role: p.role,
        pid: p.pid,
        port: p.port,
        running,
        healthy: report?.status === 'ok',
        ...(p.role === 'control' ? { leading: report?.leading === true, ...(report?.epoch === undefined ? {} : { epoch: report.epoch }) } : {}),
      };
    }),
  );
  const { hosts: registered, metaservers } = await registrations(cluster, zookeeperSessionTimeoutMs);
  const leader = processes.filter((p) => p.leading).sort((a, b) => (b.epoch ?? 0) - (a.epoch ?? 0))[0];
  return {
    gatewayUrl: cluster.gatewayUrl,
    bastionUrl: cluster.bastionUrl,
    leader: leader ? { name: leader.name, pid: leader.pid, epoch: leader.epoch } : null,
    processes,
    hosts: cluster.processes
      .filter((p) => p.role === 'host-agent' && p.hostId !== undefined)
      .map((p) => {
        const hostId = p.hostId ?? '';
        const metaserver = cluster.processes.find((m) => m.role === 'metaserver' && m.hostId === hostId);
        return {
          hostId,
          agent: p.name,
          agentRunning: processes.find((s) => s.name === p.name)?.running ?? false,
          alive: registered.has(hostId),
          zoneId: registered.get(hostId)?.zoneId,
          ...(metaserver && { metaserver: { name: metaserver.name, running: processes.find((s) => s.name === metaserver.name)?.running ?? false, registered: metaservers.has(hostId) } }),
        };
      }),
  };
}

/** Who is registered in ZooKeeper: host agents (by host id) and metaservers (by the host id they serve). */
async function registrations(cluster: ClusterFile, sessionTimeoutMs: number): Promise<{ hosts: Map<string, HostRegistration>; metaservers: Set<string> }> {
  const coordinator = await createCoordinator({ kind: 'zookeeper', connectionString: cluster.zookeeper.connectString, root: cluster.zookeeper.root, sessionTimeoutMs });
  try {
    const hosts = new Map((await coordinator.members<HostRegistration>(SERVICE_GROUPS.hosts)).map((m) => [m.id, m.data]));
    const metaservers = new Set((await coordinator.members(SERVICE_GROUPS.metaserver)).map((m) => m.id));
    return { hosts, metaservers };
  } finally {
    await coordinator.close();
  }
}
