import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { createLogger } from '@ecs/observability';
import type { FastifyReply } from 'fastify';
import { BastionError, type BastionErrorCode } from '../errors/bastion-error';

const log = createLogger('bastion.http');

/** Every failure leaves as `{Code, Message}` with its status; never a stack or an internal message. */
@Catch()
export class BastionErrorFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const known = toBastionError(error);
    if (!known) log.error('request failed unexpectedly', { error });
    const answer = known ?? new BastionError('InternalError');
    // A route may have set another content type (recordings) before failing.
    void reply.status(answer.status).header('content-type', 'application/json; charset=utf-8').send(answer.toBody());
  }
}

function toBastionError(error: unknown): BastionError | undefined {
  if (error instanceof BastionError) return error;
  const status = error instanceof HttpException ? error.getStatus() : (error as { statusCode?: unknown }).statusCode;
  if (typeof status !== 'number' || status >= 500) return undefined;
  const code: BastionErrorCode = status === 404 ? 'NotFound' : status === 413 ? 'RequestTooLarge' : status === 401 ? 'AuthenticationRequired' : status === 403 ? 'Forbidden' : 'InvalidRequest';
  return new BastionError(code);
}
