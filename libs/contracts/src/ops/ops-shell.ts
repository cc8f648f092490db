/**
 * The bastion ↔ host-agent ops-shell contract. Plain data in and out, so the in-process transport
 * of the all-in-one and a network transport (WebSocket or HTTP between processes) carry the same
 * messages: open a session with a bastion-signed credential, run lines, close.
 */

/** What a session may do on the host; fixed when the session opens. */
export const OPS_ROLES = ['read-only', 'operator'] as const;
export type OpsRole = (typeof OPS_ROLES)[number];

/** True when `held` allows everything `needed` allows. */
export function roleCovers(held: OpsRole, needed: OpsRole): boolean {
  return held === 'operator' || needed === 'read-only';
}

/** What the bastion vouches for when it opens a session on a host. */
export interface OpsSessionClaims {
  readonly hostId: string;
  readonly sessionId: string;
  /** The bastion user behind the session, for the host's own log. */
  readonly user: string;
  readonly role: OpsRole;
  /** Epoch milliseconds after which the host refuses to open a session with these claims. */
  readonly expiresAt: number;
}

/** Claims plus the bastion's signature over them (see ops-credential.ts). */
export interface OpsSessionCredential {
  readonly claims: OpsSessionClaims;
  readonly signature: string;
}

/**
 * How the host's shell judged one line: `ok` ran, `failed` ran and the hypervisor said no,
 * `denied` needs a higher role than the session holds, `unknown` is not an ops-shell command
 * (the shell is an allowlist: anything it does not know is refused).
 */
export type OpsCommandStatus = 'ok' | 'failed' | 'denied' | 'unknown';

export interface OpsCommandResult {
  readonly status: OpsCommandStatus;
  /** The command as the shell recognised it (e.g. `virsh start`), or the first word when unknown. */
  readonly command: string;
  /** Text for the terminal, lines ended by "\n". */
  readonly output: string;
}

/** One open ops-shell session on a host. */
export interface OpsShellSession {
  readonly sessionId: string;
  readonly role: OpsRole;
  /**
   * Interprets one command line. Lines are run one at a time, in the order sent.
   * @throws OpsSessionClosedError once the session is closed.
   */
  run(line: string): Promise<OpsCommandResult>;
  /** Ends the session; later runs fail. Closing twice changes nothing. */
  close(): Promise<void>;
}

/** The host side: opens sessions only for credentials the bastion signed for this host. */
export interface OpsShellHost {
  /** @throws OpsCredentialRejectedError when the credential is not valid for this host now. */
  openSession(credential: OpsSessionCredential): Promise<OpsShellSession>;
}

/** Where the bastion finds a host's ops shell (in-process in all-in-one, a network client later). */
export interface OpsShellDirectory {
  shellFor(hostId: string): OpsShellHost | undefined;
}

export type OpsCredentialRejection = 'malformed' | 'bad-signature' | 'expired' | 'wrong-host' | 'replayed';

export class OpsCredentialRejectedError extends Error {
  constructor(readonly why: OpsCredentialRejection) {
    super(`ops session credential rejected: ${why}`);
    this.name = 'OpsCredentialRejectedError';
  }
}

export class OpsSessionClosedError extends Error {
  constructor(readonly sessionId: string) {
    super(`ops session ${sessionId} is closed`);
    this.name = 'OpsSessionClosedError';
  }
}
