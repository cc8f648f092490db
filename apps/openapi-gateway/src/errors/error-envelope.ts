import { HttpException } from '@nestjs/common';
import { EcsError, isEcsError } from '@ecs/domain';

/** The body of every failed call, as ECS returns it. */
export interface ErrorEnvelope {
  readonly RequestId: string;
  readonly HostId: string;
  readonly Code: string;
  readonly Message: string;
  readonly Recommend: string;
}

export interface ErrorResponse {
  readonly status: number;
  readonly body: ErrorEnvelope;
  /** True when the failure is ours, not the caller's: worth a log line, never worth a detail in the body. */
  readonly unexpected: boolean;
}

/**
 * Turns anything thrown while serving a request into the ECS error a tenant sees. Framework errors
 * (unknown route, oversized or unparsable body) become the matching ECS code; anything else is an
 * InternalError whose message reveals nothing about where it came from.
 */
export function toErrorResponse(error: unknown, requestId: string, hostId: string): ErrorResponse {
  const ecsError = toEcsError(error);
  return {
    status: ecsError.status,
    unexpected: ecsError.code === 'InternalError' && !isEcsError(error),
    body: { RequestId: requestId, HostId: hostId, Code: ecsError.code, Message: ecsError.message, Recommend: ecsError.recommend ?? '' },
  };
}

function toEcsError(error: unknown): EcsError {
  if (isEcsError(error)) return error;
  if (error instanceof HttpException) return fromHttpStatus(error.getStatus());
  return new EcsError('InternalError');
}

function fromHttpStatus(status: number): EcsError {
  if (status === 404 || status === 405) return new EcsError('InvalidAction.NotFound');
  if (status === 413) return new EcsError('RequestEntityTooLarge');
  if (status >= 400 && status < 500) return new EcsError('InvalidParameter', 'The request is malformed.');
  return new EcsError('InternalError');
}
