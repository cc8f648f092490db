import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Logger } from '@ecs/observability';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { encodeError } from '../wire/wire-error';

/** Every failure leaves as a wire error; the caller's client turns it back into the same error class. */
@Catch()
export class InternalExceptionFilter implements ExceptionFilter {
  constructor(private readonly log: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const encoded = encodeError(exception);
    if (encoded.unexpected) this.log.error('internal request failed', { url: http.getRequest<FastifyRequest>().url, error: exception });
    void http.getResponse<FastifyReply>().status(encoded.status).send(encoded.body);
  }
}
