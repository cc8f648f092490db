import type { HostAgentClient, HostCommand } from '@ecs/contracts';
import { PeerUnavailableError } from '@ecs/transport';
import { AgentUnavailableError } from '../errors/agent-unavailable.error';

export const AGENT_COMMANDS = Symbol('AgentCommands');

/**
 * The agent's command intake as served over HTTP. The server listens before the agent exists (the
 * agent registers the server's address), so the agent is attached once started; until then, and
 * whenever the agent is not attached to its host, nothing is done and the caller is told so
 * retryably.
 */
export class AgentCommandIntake implements HostAgentClient {
  private agent: HostAgentClient | undefined;

  attach(agent: HostAgentClient): void {
    this.agent = agent;
  }

  get attached(): boolean {
    return this.agent !== undefined;
  }

  async send(command: HostCommand): Promise<void> {
    if (!this.agent) throw new PeerUnavailableError('the host agent is starting');
    try {
      await this.agent.send(command);
    } catch (error) {
      if (error instanceof AgentUnavailableError) throw new PeerUnavailableError(error.message);
      throw error;
    }
  }
}
