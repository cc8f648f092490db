import { EcsError } from '@ecs/domain';
import type { IdempotencyRepository } from '@ecs/persistence';

const WAIT_FOR_FIRST_CALL_MS = 15_000;
const POLL_MS = 50;

/**
 * ClientToken semantics for the image actions: the first call with a token runs; a replay with the
 * same parameters gets the first call's answer (waiting while it still runs); other parameters get
 * IdempotentParameterMismatch. A first call that fails frees the token for a retry.
 */
export class ClientTokenGuard {
  constructor(private readonly records: IdempotencyRepository) {}

  async run<T>(accountId: string, token: string | undefined, action: string, requestHash: string, work: () => Promise<T>): Promise<T> {
    if (token === undefined) return work();
    const reservation = await this.records.reserve(accountId, token, action, requestHash);
    if (reservation.kind === 'existing') return this.replay<T>(accountId, token, requestHash, reservation.requestHash, reservation.response);
    try {
      const result = await work();
      await this.records.complete(accountId, token, JSON.stringify(result));
      return result;
    } catch (error) {
      await this.records.abandon(accountId, token);
      throw error;
    }
  }

  private async replay<T>(accountId: string, token: string, requestHash: string, storedHash: string, response: string | undefined): Promise<T> {
    if (storedHash !== requestHash) throw new EcsError('IdempotentParameterMismatch');
    const deadline = Date.now() + WAIT_FOR_FIRST_CALL_MS;
    let answer = response;
    while (answer === undefined && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      const record = await this.records.find(accountId, token);
      if (!record) throw new EcsError('LastTokenProcessing', 'The previous request with this ClientToken failed; retry the request.');
      answer = record.kind === 'existing' ? record.response : undefined;
    }
    if (answer === undefined) throw new EcsError('LastTokenProcessing');
    return JSON.parse(answer) as T;
  }
}
