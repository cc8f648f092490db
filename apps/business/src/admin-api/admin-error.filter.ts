import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import { EcsError, newRequestId } from '@ecs/domain';
import { createLogger } from '@ecs/observability';
import type { FastifyReply } from 'fastify';
import { AdminError } from './admin-error';

const log = createLogger('business.admin-api');

/** Admin errors in the same envelope as the tenant API; never a stack trace. */
@Catch()
export class AdminErrorFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const requestId = newRequestId();
    if (error instanceof AdminError) {
      void reply.status(error.status).send({ RequestId: requestId, Code: error.code, Message: error.message, ...(error.field ? { Field: error.field } : {}) });
      return;
    }
    if (error instanceof EcsError) {
      void reply.status(error.status).send({ RequestId: requestId, Code: error.code, Message: error.message });
      return;
    }
    if (error instanceof HttpException) {
      const body = error.getResponse();
      const fields = typeof body === 'object' && body !== null && 'Code' in body ? body : { Code: 'InvalidRequest', Message: error.message };
      void reply.status(error.getStatus()).send({ RequestId: requestId, ...fields });
      return;
    }
    log.error('admin request failed', { requestId, error });
    void reply.status(500).send({ RequestId: requestId, Code: 'InternalError', Message: 'The request processing has failed due to some unknown error.' });
  }
}
