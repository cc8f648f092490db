import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClusterRole } from './cluster-plan';

/** One line of `$ECS_DATA_DIR/cluster.json`. */
export interface ClusterFileProcess {
  readonly name: string;
  readonly role: ClusterRole;
  readonly pid: number;
  readonly port: number;
  readonly log: string;
  readonly hostId?: string;
}

/** What `cluster:up` leaves for `cluster:status` and `cluster:down` (and for people). */
export interface ClusterFile {
  readonly startedAt: string;
  readonly regionId: string;
  readonly gatewayUrl: string;
  readonly adminUrl: string;
  readonly consoleUrl: string;
  /** The ops bastion (`npm run bastion -- …` finds it through `bastion.json` in the same data dir). */
  readonly bastionUrl?: string;
  readonly zookeeper: { readonly connectString: string; readonly root: string };
  readonly processes: readonly ClusterFileProcess[];
}

const FILE = 'cluster.json';

export function clusterFilePath(dataDir: string): string {
  return join(dataDir, FILE);
}

/** Written atomically, so a status call never reads half a file. */
export function writeClusterFile(dataDir: string, cluster: ClusterFile): void {
  const path = clusterFilePath(dataDir);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(cluster, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

export function readClusterFile(dataDir: string): ClusterFile | undefined {
  try {
    return JSON.parse(readFileSync(clusterFilePath(dataDir), 'utf8')) as ClusterFile;
  } catch {
    return undefined;
  }
}
