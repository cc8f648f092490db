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
}

export interface ClusterStatus {
  readonly gatewayUrl: string;
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
  const registered = await registeredHosts(cluster, zookeeperSessionTimeoutMs);
  const leader = processes.filter((p) => p.leading).sort((a, b) => (b.epoch ?? 0) - (a.epoch ?? 0))[0];
  return {
    gatewayUrl: cluster.gatewayUrl,
    leader: leader ? { name: leader.name, pid: leader.pid, epoch: leader.epoch } : null,
    processes,
    hosts: cluster.processes
      .filter((p) => p.hostId !== undefined)
      .map((p) => ({
        hostId: p.hostId ?? '',
        agent: p.name,
        agentRunning: processes.find((s) => s.name === p.name)?.running ?? false,
        alive: registered.has(p.hostId ?? ''),
        zoneId: registered.get(p.hostId ?? '')?.zoneId,
      })),
  };
}

async function registeredHosts(cluster: ClusterFile, sessionTimeoutMs: number): Promise<Map<string, HostRegistration>> {
  const coordinator = await createCoordinator({ kind: 'zookeeper', connectionString: cluster.zookeeper.connectString, root: cluster.zookeeper.root, sessionTimeoutMs });
  try {
    return new Map((await coordinator.members<HostRegistration>(SERVICE_GROUPS.hosts)).map((m) => [m.id, m.data]));
  } finally {
    await coordinator.close();
  }
}
