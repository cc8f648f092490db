import { z } from 'zod';
import type { OpsShellDirectory } from '@ecs/contracts';
import type { BastionDeps } from '../../bastion-deps';
import { BastionError } from '../../errors/bastion-error';
import { newSecretToken, tokenDigest } from '../../identity/secret-token';
import { hostId } from '../names';
import { validate } from '../validate';

const schema = z.object({ hostId }).strict();

export interface ConnectionToken {
  readonly token: string;
  readonly hostId: string;
  readonly role: string;
  readonly expiresAt: string;
  /** Where to open the WebSocket (relative to the bastion's URL). */
  readonly terminalPath: string;
}

/**
 * A logged-in user with a current grant asks to connect: the answer is a single-use token, valid
 * for seconds and only for that user on that host. The grant is checked again when it is used.
 */
export class IssueConnectionToken {
  constructor(
    private readonly deps: BastionDeps,
    private readonly shells: OpsShellDirectory,
  ) {}

  async execute(username: string, raw: unknown): Promise<ConnectionToken> {
    const { policy, tokens, audit, settings, now } = this.deps;
    const command = validate(schema, raw);
    const access = await policy.authorise(username, command.hostId, now());
    if (!access) {
      await audit.record({ actor: username, action: 'token.issue', target: command.hostId, outcome: 'refused', detail: { reason: 'no-grant' } });
      throw new BastionError('NoGrant');
    }
    if (!this.shells.shellFor(command.hostId)) {
      await audit.record({ actor: username, action: 'token.issue', target: command.hostId, outcome: 'refused', detail: { reason: 'unknown-host' } });
      throw new BastionError('HostNotFound');
    }
    const token = newSecretToken();
    const expiresAt = now() + settings.connectTokenTtlMs;
    await tokens.issue({ tokenHash: tokenDigest(token), kind: 'connect', username, hostId: command.hostId, expiresAt, createdAt: now() });
    await audit.record({ actor: username, action: 'token.issue', target: command.hostId, outcome: 'ok', detail: { role: access.role } });
    return {
      token,
      hostId: command.hostId,
      role: access.role,
      expiresAt: new Date(expiresAt).toISOString(),
      terminalPath: `/bastion/v1/hosts/${encodeURIComponent(command.hostId)}/terminal?token=${token}`,
    };
  }
}
