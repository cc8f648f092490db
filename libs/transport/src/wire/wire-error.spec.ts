import { ForbiddenException, PayloadTooLargeException } from '@nestjs/common';
import { StaleEpochError } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';
import { decodeError, encodeError } from './wire-error';
import { InternalAuthError, NotLeaderError, PeerUnavailableError } from './transport-errors';

/** What a caller sees of an error thrown on the other side of one hop. */
function acrossTheWire(error: unknown): Error {
  const { status, body } = encodeError(error);
  return decodeError('http://peer', status, JSON.parse(JSON.stringify(body)));
}

describe('wire errors', () => {
  it('carries an EcsError across as the same EcsError: code, status, message and recommendation', () => {
    const arrived = acrossTheWire(new EcsError('IncorrectInstanceStatus', 'The instance is Stopping.', 'Wait until it is Stopped.'));
    expect(arrived).toBeInstanceOf(EcsError);
    expect(arrived).toMatchObject({ code: 'IncorrectInstanceStatus', status: 403, message: 'The instance is Stopping.', recommend: 'Wait until it is Stopped.' });
  });

  it('carries a fencing refusal across as StaleEpochError with both epochs', () => {
    const arrived = acrossTheWire(new StaleEpochError(3, 5));
    expect(arrived).toBeInstanceOf(StaleEpochError);
    expect(arrived).toMatchObject({ commandEpoch: 3, currentEpoch: 5 });
    expect(encodeError(new StaleEpochError(3, 5)).status).toBe(409);
  });

  it('keeps "not done, try elsewhere" apart from other failures', () => {
    expect(acrossTheWire(new NotLeaderError())).toBeInstanceOf(NotLeaderError);
    expect(acrossTheWire(new PeerUnavailableError('starting'))).toBeInstanceOf(PeerUnavailableError);
  });

  it('reveals nothing of an unexpected failure and flags it for the serving side to log', () => {
    const encoded = encodeError(new TypeError('secret detail at /srv/app.js:12'));
    expect(encoded).toMatchObject({ status: 500, unexpected: true, body: { error: { kind: 'internal' } } });
    expect(JSON.stringify(encoded.body)).not.toContain('secret');
    expect(acrossTheWire(new TypeError('x'))).toMatchObject({ code: 'InternalError' });
  });

  it('tells a refused token and a refused request apart from an answer', () => {
    expect(acrossTheWire(new ForbiddenException())).toBeInstanceOf(InternalAuthError);
    const tooLarge = acrossTheWire(new PayloadTooLargeException());
    expect(tooLarge).not.toBeInstanceOf(EcsError);
    expect(tooLarge.message).toContain('413');
  });

  it('reads an unknown ECS code, a foreign error kind or a body that is not ours as InternalError', () => {
    expect(decodeError('u', 400, { error: { kind: 'ecs', code: 'NoSuchCode', message: 'm' } })).toMatchObject({ code: 'InternalError' });
    expect(decodeError('u', 500, { error: { kind: 'from-the-future' } })).toMatchObject({ code: 'InternalError' });
    expect(decodeError('u', 502, '<html>bad gateway</html>')).toMatchObject({ code: 'InternalError' });
  });
});
