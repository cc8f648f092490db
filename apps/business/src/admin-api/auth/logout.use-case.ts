import type { OperatorRepository } from '@ecs/persistence';

/** Ends the caller's session on the server, not just in the browser. */
export class LogoutUseCase {
  constructor(private readonly operators: OperatorRepository) {}

  async execute(sessionTokenHash: string | undefined): Promise<{ loggedOut: true }> {
    if (sessionTokenHash) await this.operators.deleteSession(sessionTokenHash);
    return { loggedOut: true };
  }
}
