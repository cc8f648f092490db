import { HttpException } from '@nestjs/common';
import { StaleEpochError } from '@ecs/contracts';
import { ECS_ERRORS, EcsError, isEcsError, type EcsErrorCode } from '@ecs/domain';
import { InternalAuthError, NotLeaderError, PeerUnavailableError } from './transport-errors';

/**
 * How a failure travels between processes. The kinds the caller must tell apart survive the hop as
 * the same class: an EcsError arrives as the same EcsError (code, message, recommend), a fencing
 * refusal as StaleEpochError, and "not done, try elsewhere" as NotLeaderError/PeerUnavailableError.
 * Anything else is an internal error whose details stay in the serving process's log.
 */
export type WireError =
  | { readonly kind: 'ecs'; readonly code: string; readonly message: string; readonly recommend?: string }
  | { readonly kind: 'stale-epoch'; readonly commandEpoch: number; readonly currentEpoch: number }
  | { readonly kind: 'not-leader'; readonly message: string }
  | { readonly kind: 'unavailable'; readonly message: string }
  | { readonly kind: 'unauthorized' }
  | { readonly kind: 'bad-request'; readonly message: string }
  | { readonly kind: 'internal' };

export interface WireErrorBody {
  readonly error: WireError;
}

export interface EncodedError {
  readonly status: number;
  readonly body: WireErrorBody;
  /** A failure of the serving process itself: log it there, since the caller learns nothing. */
  readonly unexpected: boolean;
}

export function encodeError(error: unknown): EncodedError {
  const encoded = (status: number, wire: WireError, unexpected = false): EncodedError => ({ status, body: { error: wire }, unexpected });
  if (isEcsError(error)) return encoded(error.status, { kind: 'ecs', code: error.code, message: error.message, ...(error.recommend ? { recommend: error.recommend } : {}) });
  if (error instanceof StaleEpochError) return encoded(409, { kind: 'stale-epoch', commandEpoch: error.commandEpoch, currentEpoch: error.currentEpoch });
  if (error instanceof NotLeaderError) return encoded(503, { kind: 'not-leader', message: error.message });
  if (error instanceof PeerUnavailableError) return encoded(503, { kind: 'unavailable', message: error.message });
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 401 || status === 403) return encoded(401, { kind: 'unauthorized' });
    if (status >= 400 && status < 500) return encoded(status, { kind: 'bad-request', message: error.message });
  }
  return encoded(500, { kind: 'internal' }, true);
}

/** The error a caller throws for a failed answer from `url`. */
export function decodeError(url: string, status: number, body: unknown): Error {
  const wire = (body as Partial<WireErrorBody> | undefined)?.error;
  switch (wire?.kind) {
    case 'ecs':
      return Object.hasOwn(ECS_ERRORS, wire.code) ? new EcsError(wire.code as EcsErrorCode, wire.message, wire.recommend) : new EcsError('InternalError');
    case 'stale-epoch':
      return new StaleEpochError(wire.commandEpoch, wire.currentEpoch);
    case 'not-leader':
      return new NotLeaderError(wire.message);
    case 'unavailable':
      return new PeerUnavailableError(wire.message);
    case 'unauthorized':
      return new InternalAuthError(url);
    case 'bad-request':
      return new Error(`${url} rejected the request (${status}): ${wire.message}`);
    case 'internal':
    case undefined:
      return new EcsError('InternalError');
  }
  // A peer speaking another version of this format: what went wrong there is unknown here.
  return new EcsError('InternalError');
}
