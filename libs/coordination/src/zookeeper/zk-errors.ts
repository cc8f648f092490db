import { Exception } from 'node-zookeeper-client';

export type ZkErrorCode = 'NO_NODE' | 'NODE_EXISTS' | 'CONNECTION_LOSS' | 'SESSION_EXPIRED';

const CODES: Record<ZkErrorCode, number> = {
  NO_NODE: Exception.NO_NODE,
  NODE_EXISTS: Exception.NODE_EXISTS,
  CONNECTION_LOSS: Exception.CONNECTION_LOSS,
  SESSION_EXPIRED: Exception.SESSION_EXPIRED,
};

export function isZkError(error: unknown, code: ZkErrorCode): boolean {
  return error instanceof Exception && error.getCode() === CODES[code];
}

/**
 * The request may or may not have reached the server, and the session may be gone: the recipes
 * do not fail on these but wait for the session to settle (resumed or renewed) and look again.
 */
export function isSessionTrouble(error: unknown): boolean {
  return (
    error instanceof Exception &&
    [Exception.CONNECTION_LOSS, Exception.SESSION_EXPIRED, Exception.OPERATION_TIMEOUT].includes(error.getCode())
  );
}

/** No session to ZooKeeper could be established in time. */
export class ZooKeeperUnavailableError extends Error {
  constructor(
    readonly connectionString: string,
    readonly waitedMs: number,
  ) {
    super(`no ZooKeeper session at ${connectionString} within ${waitedMs} ms`);
    this.name = 'ZooKeeperUnavailableError';
  }
}

/** A live node of the same id that is not ours: another process, or the not yet expired session of our previous life. */
export class MemberTakenError extends Error {
  constructor(path: string, waitedMs: number) {
    super(`member ${path} is already registered by a live session (waited ${waitedMs} ms for it to expire)`);
    this.name = 'MemberTakenError';
  }
}
