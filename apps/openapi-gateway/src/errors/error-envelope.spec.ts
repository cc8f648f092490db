import { HttpException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { EcsError } from '@ecs/domain';
import { toErrorResponse } from './error-envelope';

describe('toErrorResponse', () => {
  it('carries an EcsError as it is', () => {
    const response = toErrorResponse(new EcsError('IncorrectInstanceStatus', 'Stopping.', 'Wait for Stopped.'), 'R-1', 'ecs.test');
    expect(response).toEqual({
      status: 403,
      unexpected: false,
      body: { RequestId: 'R-1', HostId: 'ecs.test', Code: 'IncorrectInstanceStatus', Message: 'Stopping.', Recommend: 'Wait for Stopped.' },
    });
  });

  it.each([
    [new NotFoundException('Cannot GET /x'), 404, 'InvalidAction.NotFound'],
    [new HttpException('Method Not Allowed', 405), 404, 'InvalidAction.NotFound'],
    [new PayloadTooLargeException('Request body is too large'), 413, 'RequestEntityTooLarge'],
    [new HttpException('Unsupported Media Type: /;;;', 415), 400, 'InvalidParameter'],
    [new HttpException('boom at server.ts:12', 502), 500, 'InternalError'],
  ])('maps the framework error %p to %p %p without repeating its message', (error, status, code) => {
    const response = toErrorResponse(error, 'R-1', 'ecs.test');
    expect(response.status).toBe(status);
    expect(response.body.Code).toBe(code);
    expect(response.body.Message).not.toContain(error.message);
  });

  it('hides everything about an unexpected error and flags it for the log', () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'secret')");
    const response = toErrorResponse(error, 'R-1', 'ecs.test');
    expect(response.status).toBe(500);
    expect(response.unexpected).toBe(true);
    expect(response.body.Code).toBe('InternalError');
    expect(JSON.stringify(response.body)).not.toMatch(/secret|TypeError|undefined/);
  });
});
