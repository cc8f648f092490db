import type { DomainSpec } from '@ecs/contracts';
import type { Logger } from '@ecs/observability';
import { readdir } from 'node:fs/promises';
import type { StoppedStatus } from './domain-record';
import { domainPaths, ensureDir, readJsonIfExists, readTextIfExists, removeQuietly, type DomainPaths } from './domain-folder';
import { isLiveProcessWith, parsePid } from './qemu-process';

/** A domain an earlier driver left in the state folder. */
export interface LeftDomain {
  readonly spec: DomainSpec;
  readonly paths: DomainPaths;
  readonly status: StoppedStatus;
  /** The QEMU process recorded for it: `live` if it still runs, `gone` if the pidfile is stale. */
  readonly process: { readonly pid: number; readonly live: boolean } | undefined;
}

/**
 * Reads the state folder. Folders of defines that never finished (no spec) are removed; dot-folders
 * (the KVM probe's scratch) are not domains.
 */
export async function scanStateDir(stateDir: string, log: Logger): Promise<LeftDomain[]> {
  await ensureDir(stateDir);
  const found: LeftDomain[] = [];
  for (const entry of await readdir(stateDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const paths = domainPaths(stateDir, entry.name);
    const spec = (await readJsonIfExists(paths.spec)) as DomainSpec | undefined;
    if (spec?.instanceId !== entry.name) {
      log.warn('removing a domain folder whose define never finished', { folder: entry.name });
      await removeQuietly(paths.dir);
      continue;
    }
    const status = ((await readJsonIfExists(paths.status)) as StoppedStatus | undefined) ?? { reason: 'defined' };
    const pid = parsePid(await readTextIfExists(paths.pid));
    const process = pid === undefined ? undefined : { pid, live: await isLiveProcessWith(pid, paths.pid) };
    found.push({ spec, paths, status, process });
  }
  return found;
}
