/** `lock` waited its full timeout without getting the lock. */
export class LockTimeoutError extends Error {
  constructor(
    readonly lockName: string,
    readonly timeoutMs: number,
  ) {
    super(`timed out after ${timeoutMs} ms waiting for lock "${lockName}"`);
    this.name = 'LockTimeoutError';
  }
}

/** The session behind a registration ended (expiry or coordinator shutdown): its node is gone. */
export class SessionExpiredError extends Error {
  constructor(what: string) {
    super(`session expired: ${what} no longer exists`);
    this.name = 'SessionExpiredError';
  }
}
