import type { OpsRole } from '@ecs/contracts';
import type { HypervisorDriver } from '@ecs/hypervisor';

/** What the host tells about itself, beyond what the hypervisor knows. */
export interface OpsHostFacts {
  readonly hostId: string;
  readonly zoneId: string;
  readonly rack: string;
  readonly hostClass: string;
}

export interface OpsCommandContext {
  readonly driver: HypervisorDriver;
  readonly facts: OpsHostFacts;
  readonly role: OpsRole;
  readonly now: () => number;
  /** When this host's ops shell came up: the agent's uptime. */
  readonly startedAt: number;
}

/** A usage or lookup problem the operator can fix: reported as a failed command, never thrown further. */
export class OpsCommandError extends Error {}

/** One ops-shell command: an allowlisted name, the least role that may run it, and its effect. */
export interface OpsCommand {
  /** The words that name it, e.g. ["virsh", "start"]. */
  readonly words: readonly string[];
  readonly usage: string;
  readonly summary: string;
  readonly minRole: OpsRole;
  /**
   * Runs with the arguments after the command's words; returns terminal text.
   * @throws OpsCommandError for bad usage; hypervisor errors for refusals by the hypervisor.
   */
  run(args: readonly string[], context: OpsCommandContext): Promise<string>;
}

/** Domain names are instance ids: checking the charset keeps odd bytes out of the output and the log. */
const DOMAIN_NAME = /^[A-Za-z0-9._-]{1,64}$/;

export function assertDomainName(name: string): string {
  if (!DOMAIN_NAME.test(name)) throw new OpsCommandError(`error: '${name.slice(0, 64)}' is not a domain name`);
  return name;
}

/** The one argument of a command that takes a domain and nothing else. */
export function domainArgument(args: readonly string[], usage: string): string {
  const [name, ...rest] = args;
  if (name === undefined || rest.length > 0) throw new OpsCommandError(`usage: ${usage}`);
  return assertDomainName(name);
}

export function noArguments(args: readonly string[], usage: string): void {
  if (args.length > 0) throw new OpsCommandError(`usage: ${usage}`);
}
