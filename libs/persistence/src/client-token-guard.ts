import { EcsError } from '@ecs/domain';
import type { IdempotencyRepository } from './repositories/idempotency.repository';

const WAIT_FOR_FIRST_CALL_MS = 15_000;
const POLL_MS = 50;
/**
 * A reservation this old without an answer belongs to a call whose process died (the guarded work
 * answers within seconds: long jobs run behind it); a replay may then run the call afresh.
 */
const ABANDONED_AFTER_MS = 120_000;

/**
 * ClientToken semantics, shared by every idempotent write action: the first call with a token runs;
 * a replay with the same parameters gets the first call's answer (waiting while it still runs);
 * other parameters get IdempotentParameterMismatch. A first call that fails frees the token for a
 * retry, and one whose process died is taken over by exactly one replay.
 */
export class ClientTokenGuard {
  constructor(private readonly records: IdempotencyRepository) {}

  async run<T>(accountId: string, token: string | undefined, action: string, requestHash: string, work: () => Promise<T>): Promise<T> {
    if (token === undefined) return work();
    const reservation = await this.records.reserve(accountId, token, action, requestHash);
    if (reservation.kind === 'existing') {
      const abandoned = reservation.response === undefined && Date.now() - reservation.createdAt > ABANDONED_AFTER_MS;
      if (!abandoned || reservation.requestHash !== requestHash || !(await this.records.takeOver(accountId, token, reservation.createdAt))) {
        return this.replay<T>(accountId, token, requestHash, reservation.requestHash, reservation.response);
      }
    }
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
      // The first call failed and freed the token: this replay is the retry.
      if (!record) throw new EcsError('LastTokenProcessing', 'The previous request with this ClientToken failed; retry the request.');
      answer = record.kind === 'existing' ? record.response : undefined;
    }
    if (answer === undefined) throw new EcsError('LastTokenProcessing');
    return JSON.parse(answer) as T;
  }
}
