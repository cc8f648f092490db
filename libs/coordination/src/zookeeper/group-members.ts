import type { Watcher } from 'node-zookeeper-client';
import type { Logger } from '@ecs/observability';
import type { Member } from '../coordinator.port';
import { isZkError } from './zk-errors';
import type { ZkClient } from './zk-client';
import { childPath } from './zk-paths';

/**
 * Reads every member of a group: the children of its node and each child's JSON data, sorted by
 * id so that every reader sees the same order. With a watcher, it is left on the group (joins and
 * departures) and on each member (data updates). A member that leaves mid-read is simply absent.
 */
export async function readMembers<T>(client: ZkClient, dir: string, log: Logger, watcher?: Watcher): Promise<Member<T>[]> {
  let names: string[];
  try {
    names = await client.getChildren(dir, watcher);
  } catch (error) {
    if (isZkError(error, 'NO_NODE')) return [];
    throw error;
  }
  const members = await Promise.all(
    names.map(async (id): Promise<Member<T> | undefined> => {
      try {
        const data = await client.getData(childPath(dir, id), watcher);
        // Members of a group are registered by callers agreeing on its data type, as with the in-process adapter.
        return { id, data: JSON.parse(data?.toString('utf8') ?? 'null') as T };
      } catch (error) {
        if (isZkError(error, 'NO_NODE')) return undefined;
        if (error instanceof SyntaxError) {
          log.warn('member data is not JSON; member skipped', { group: dir, id });
          return undefined;
        }
        throw error;
      }
    }),
  );
  return members.filter((member): member is Member<T> => member !== undefined).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
