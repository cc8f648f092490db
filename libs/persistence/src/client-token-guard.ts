import type { ClientTokenAnswer, ClientTokenCache } from '@ecs/cache';
import { EcsError } from '@ecs/domain';
import type { IdempotencyRepository } from './repositories/idempotency.repository';

const WAIT_FOR_FIRST_CALL_MS = 15_000;
const POLL_MS = 50;
/**
 * A reservation this old without an answer belongs to a call whose process died (the guarded work
 * answers within seconds: long jobs run behind it); a replay may then run the call afresh.
 */
const ABANDONED_AFTER_MS = 120_000;

/** Without a cache every replay reads the database (kept here, so persistence loads no cache driver). */
const NO_CACHE: ClientTokenCache = { answer: async () => undefined, remember: async () => undefined };

/**
 * ClientToken semantics, shared by every idempotent write action: the first call with a token runs;
 * a replay with the same parameters gets the first call's answer (waiting while it still runs);
 * other parameters get IdempotentParameterMismatch. A first call that fails frees the token for a
 * retry, and one whose process died is taken over by exactly one replay.
 *
 * The database decides all of this. `answers` (Redis in the cluster) only spares the replay of a
 * completed call its database round trips: a completed record never changes again, so the cached
 * copy gives the answer the database would, and a missing one sends the replay to the database.
 */
export class ClientTokenGuard {
  constructor(
    private readonly records: IdempotencyRepository,
    private readonly answers: ClientTokenCache = NO_CACHE,
  ) {}

  async run<T>(accountId: string, token: string | undefined, action: string, requestHash: string, work: () => Promise<T>): Promise<T> {
    if (token === undefined) return work();
    const cached = await this.answers.answer(accountId, token);
    if (cached !== undefined) return answerReplay<T>(requestHash, cached);
    const reservation = await this.records.reserve(accountId, token, action, requestHash);
    if (reservation.kind === 'existing') {
      const abandoned = reservation.response === undefined && Date.now() - reservation.createdAt > ABANDONED_AFTER_MS;
      if (!abandoned || reservation.requestHash !== requestHash || !(await this.records.takeOver(accountId, token, reservation.createdAt))) {
        const answer = await this.completedAnswer(accountId, token, requestHash, reservation.requestHash, reservation.response);
        // Refilled after an expiry or a flush, so the next replay is the cache's again.
        await this.answers.remember(accountId, token, answer);
        return answerReplay<T>(requestHash, answer);
      }
    }
    let result: T;
    let response: string;
    try {
      result = await work();
      response = JSON.stringify(result);
      await this.records.complete(accountId, token, response);
    } catch (error) {
      await this.records.abandon(accountId, token);
      throw error;
    }
    // Only a committed answer is cached: the cache must never know an answer the database does not.
    await this.answers.remember(accountId, token, { requestHash, response });
    return result;
  }

  /** The first call's answer from the database, waiting while that call still runs. */
  private async completedAnswer(accountId: string, token: string, requestHash: string, storedHash: string, response: string | undefined): Promise<ClientTokenAnswer> {
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
    return { requestHash: storedHash, response: answer };
  }
}

function answerReplay<T>(requestHash: string, answer: ClientTokenAnswer): T {
  if (answer.requestHash !== requestHash) throw new EcsError('IdempotentParameterMismatch');
  return JSON.parse(answer.response) as T;
}
