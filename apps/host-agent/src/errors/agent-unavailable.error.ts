/** The agent is not attached to its host (not started, stopped or crashed): nothing was done. */
export class AgentUnavailableError extends Error {
  constructor(
    readonly hostId: string,
    readonly why: 'not-started' | 'stopped' | 'crashed',
  ) {
    super(`host agent ${hostId} is unavailable (${why})`);
    this.name = 'AgentUnavailableError';
  }
}
