import { INTERNAL_PREFIX } from '../internal/internal-routes';
import type { OpsCommandResult, OpsCredentialRejection, OpsRole, OpsSessionCredential } from './ops-shell';

/**
 * The ops shell over the host agent's internal HTTP API (the bastion's side of a cluster). The
 * bearer token only lets a peer speak; opening a session still takes a credential the bastion
 * signed with the agent key, and later calls name the session by a handle the agent made up.
 * The contract's refusals travel in the answer, not as HTTP errors, so that the bastion can throw
 * the same OpsCredentialRejectedError / OpsSessionClosedError the in-process shell throws.
 */
export const OPS_SHELL_ROUTES = {
  /** {@link OpsOpenRequest} → {@link OpsOpenAnswer} */
  open: `${INTERNAL_PREFIX}/host/ops/open`,
  /** {@link OpsRunRequest} → {@link OpsRunAnswer} */
  run: `${INTERNAL_PREFIX}/host/ops/run`,
  /** {@link OpsCloseRequest} → nothing; closing an unknown or closed session changes nothing. */
  close: `${INTERNAL_PREFIX}/host/ops/close`,
} as const;

export interface OpsOpenRequest {
  readonly credential: OpsSessionCredential;
}

export type OpsOpenAnswer =
  | { readonly opened: true; readonly handle: string; readonly sessionId: string; readonly role: OpsRole }
  | { readonly opened: false; readonly why: OpsCredentialRejection };

export interface OpsRunRequest {
  readonly handle: string;
  readonly line: string;
}

/** `closed` when the session ended (closed, idle too long, or the agent restarted since). */
export type OpsRunAnswer = { readonly closed: false; readonly result: OpsCommandResult } | { readonly closed: true };

export interface OpsCloseRequest {
  readonly handle: string;
}
