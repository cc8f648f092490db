/**
 * A peer refused a request because it is not the control leader. Nothing was done, so the caller
 * may send the same request to another replica, whatever the request is.
 */
export class NotLeaderError extends Error {
  constructor(message = 'This control replica is not the leader.') {
    super(message);
    this.name = 'NotLeaderError';
  }
}

/**
 * A peer is up but cannot serve right now (an agent not attached to its host, a process still
 * starting). Nothing was done: safe to try another replica or later, whatever the request is.
 */
export class PeerUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PeerUnavailableError';
  }
}

/** The internal token was refused: a configuration error, never worth retrying. */
export class InternalAuthError extends Error {
  constructor(url: string) {
    super(`${url} refused the internal token; check ECS_INTERNAL_TOKEN on both sides`);
    this.name = 'InternalAuthError';
  }
}
