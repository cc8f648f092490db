import type { OpsShellDirectory } from '@ecs/contracts';
import type { BastionDeps } from '../../bastion-deps';

export interface ReachableHostView {
  readonly hostId: string;
  readonly role: string;
  readonly grantExpiresAt: string;
  /** Whether the bastion can reach the host's ops shell right now. */
  readonly online: boolean;
}

/** The hosts the caller's current grants name, with the role they give. */
export class ListReachableHosts {
  constructor(
    private readonly deps: BastionDeps,
    private readonly shells: OpsShellDirectory,
  ) {}

  async execute(username: string): Promise<{ username: string; hosts: ReachableHostView[] }> {
    const hosts = await this.deps.policy.reachableHosts(username, this.deps.now());
    return {
      username,
      hosts: hosts.map((h) => ({ hostId: h.hostId, role: h.role, grantExpiresAt: new Date(h.expiresAt).toISOString(), online: this.shells.shellFor(h.hostId) !== undefined })),
    };
  }
}
