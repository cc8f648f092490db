import type { Database } from '@ecs/persistence';
import { health } from '../../../deploy/cluster/cluster-processes';
import type { LocalCluster } from '../../../deploy/cluster/local-cluster';
import type { ZkAdmin } from '../../coordination/support/zk-admin';

export interface Leader {
  readonly name: string;
  readonly epoch: number;
}

/** The control replica whose /healthz says it leads (a paused one does not answer). */
export async function controlLeader(cluster: LocalCluster): Promise<Leader | undefined> {
  const reports = await Promise.all(
    cluster
      .specs()
      .filter((s) => s.role === 'control')
      .map(async (s) => ({ name: s.name, report: await health(s.port, 500) })),
  );
  const leading = reports.find((r) => r.report?.leading === true && r.report.epoch !== undefined);
  return leading ? { name: leading.name, epoch: leading.report?.epoch ?? 0 } : undefined;
}

/** Polls until `accept` holds. @returns how long it took. */
export async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs: number, pollMs = 100): Promise<number> {
  const started = Date.now();
  while (!(await probe())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  return Date.now() - started;
}

/** Host ids with a live agent registration: what control's scheduler sees as alive. */
export async function registeredHosts(zk: ZkAdmin, root: string): Promise<string[]> {
  const prefix = `${root}/groups/hosts/`;
  return (await zk.tree(`${root}/groups/hosts`)).filter((n) => n.path.startsWith(prefix)).map((n) => n.path.slice(prefix.length));
}

export interface InstanceRow {
  readonly instanceId: string;
  readonly hostId: string | null;
  readonly status: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly version: number;
  readonly lastEventSeq: number;
  readonly latestOperationState: string | null;
}

/** The account's instances as the database holds them (Deleted ones left out). */
export async function liveInstances(db: Database, accountId?: string): Promise<InstanceRow[]> {
  const rows: { instance_id: string; host_id: string | null; status: string; vcpus: number | string; memory_mib: number | string; version: number | string; last_event_seq: number | string; latest_operation_state: string | null }[] = await db.manager.query(
    `SELECT instance_id, host_id, status, vcpus, memory_mib, version, last_event_seq, latest_operation_state FROM instances WHERE status <> 'Deleted'${accountId ? ' AND account_id = ?' : ''} ORDER BY instance_id`,
    accountId ? [accountId] : [],
  );
  return rows.map((r) => ({
    instanceId: r.instance_id,
    hostId: r.host_id,
    status: r.status,
    vcpus: Number(r.vcpus),
    memoryMiB: Number(r.memory_mib),
    version: Number(r.version),
    lastEventSeq: Number(r.last_event_seq),
    latestOperationState: r.latest_operation_state,
  }));
}

export interface HostRow {
  readonly hostId: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly usedVcpus: number;
  readonly usedMemoryMiB: number;
}

export async function hostRows(db: Database): Promise<HostRow[]> {
  const rows: { host_id: string; vcpus: number | string; memory_mib: number | string; used_vcpus: number | string; used_memory_mib: number | string }[] = await db.manager.query(
    'SELECT host_id, vcpus, memory_mib, used_vcpus, used_memory_mib FROM hosts ORDER BY host_id',
  );
  return rows.map((r) => ({ hostId: r.host_id, vcpus: Number(r.vcpus), memoryMiB: Number(r.memory_mib), usedVcpus: Number(r.used_vcpus), usedMemoryMiB: Number(r.used_memory_mib) }));
}

export async function accountIdOf(db: Database, accessKeyId: string): Promise<string> {
  const rows: { account_id: string }[] = await db.manager.query('SELECT account_id FROM access_keys WHERE access_key_id = ?', [accessKeyId]);
  if (!rows[0]) throw new Error(`no AccessKey ${accessKeyId}`);
  return rows[0].account_id;
}

export async function unpublishedOutbox(db: Database): Promise<number> {
  const rows: { n: string | number }[] = await db.manager.query('SELECT COUNT(*) AS n FROM outbox WHERE published_at IS NULL');
  return Number(rows[0].n);
}

export async function fenceEpoch(db: Database): Promise<number> {
  const rows: { epoch: string | number }[] = await db.manager.query("SELECT epoch FROM control_fence WHERE name = 'control-leader'");
  return Number(rows[0]?.epoch ?? 0);
}

/**
 * Every live instance settled: Running, or ended in a clear failure (Stopped with its latest
 * operation Failed, as a missed deadline or a failed boot leaves it).
 */
export function settled(rows: readonly InstanceRow[], alsoAllowed: readonly string[] = []): boolean {
  return rows.every((r) => r.status === 'Running' || alsoAllowed.includes(r.status) || (r.status === 'Stopped' && r.latestOperationState === 'Failed'));
}
