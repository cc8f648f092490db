import { randomUUID } from 'node:crypto';
import { childPath } from './zk-paths';
import { isZkError } from './zk-errors';
import type { ZooKeeperSession } from './zookeeper-session';

/** An EPHEMERAL_SEQUENTIAL node of the election and lock recipes: `<kind>-<token>-<sequence>`. */
export interface QueueNode {
  readonly name: string;
  readonly sequence: number;
  /** The session generation that owns it: a later generation no longer has it. */
  readonly generation: number;
}

const SEQUENCE = /-(\d{10})$/;

/** The server's 10-digit suffix: its parent's child counter, unique and rising per parent. */
export function sequenceOf(name: string): number | undefined {
  const match = SEQUENCE.exec(name);
  return match ? Number(match[1]) : undefined;
}

/** The queue, first in line first: by sequence, not by name, since names begin with random tokens. */
export function queueOrder(children: readonly string[], kind: string): { name: string; sequence: number }[] {
  return children
    .filter((name) => name.startsWith(`${kind}-`))
    .map((name) => ({ name, sequence: sequenceOf(name) }))
    .filter((entry): entry is { name: string; sequence: number } => entry.sequence !== undefined)
    .sort((a, b) => a.sequence - b.sequence);
}

/**
 * Creates this process's place in a queue. The node name carries a random token, so a create
 * whose answer was lost with the connection can be recognised among the children and not made
 * twice (Curator's "protected" mode): a duplicate would sit in the queue ahead of or behind us.
 * @throws the ZooKeeper error when the session expires or the parent is missing.
 */
export async function createQueueNode(session: ZooKeeperSession, dir: string, kind: string, data: Buffer): Promise<QueueNode> {
  const prefix = `${kind}-${randomUUID()}-`;
  for (;;) {
    const client = session.current;
    const generation = session.generation;
    try {
      const path = await client.create(childPath(dir, prefix), data, 'ephemeral-sequential');
      return node(path.slice(dir.length + 1), generation);
    } catch (error) {
      if (!isZkError(error, 'CONNECTION_LOSS')) throw error;
      await session.settled();
      if (session.isClosed) throw error;
      if (session.generation !== generation) continue;
      const made = (await client.getChildren(dir)).find((name) => name.startsWith(prefix));
      if (made !== undefined) return node(made, generation);
    }
  }
}

function node(name: string, generation: number): QueueNode {
  const sequence = sequenceOf(name);
  if (sequence === undefined) throw new Error(`ZooKeeper returned a sequential node without a sequence: ${name}`);
  return { name, sequence, generation };
}
