import { EcsError } from '@ecs/domain';
import type { IdempotencyRepository } from '@ecs/persistence';
import type { LaunchInstancesResult } from '@ecs/contracts';

const WAIT_FOR_FIRST_CALL_MS = 15_000;
/**
 * A reservation this old without an answer belongs to a call whose process died (a launch never
 * takes this long: placement is synchronous); its orphaned instances are rolled back by control's
 * launch recovery, so a replay may run the call afresh.
 */
const ABANDONED_AFTER_MS = 120_000;
const POLL_MS = 50;

/**
 * ClientToken semantics: the first call with a token runs; a replay with the same parameters gets
 * the first call's answer (waiting while it is still running); other parameters get
 * IdempotentParameterMismatch. A first call that fails frees the token for a retry.
 */
export class ClientTokenGuard {
  constructor(private readonly records: IdempotencyRepository) {}

  async run(accountId: string, token: string, action: string, requestHash: string, work: () => Promise<LaunchInstancesResult>): Promise<LaunchInstancesResult> {
    const reservation = await this.records.reserve(accountId, token, action, requestHash);
    if (reservation.kind === 'existing') {
      const abandoned = reservation.response === undefined && Date.now() - reservation.createdAt > ABANDONED_AFTER_MS;
      if (!abandoned || reservation.requestHash !== requestHash || !(await this.records.takeOver(accountId, token, reservation.createdAt))) {
        return this.replay(accountId, token, requestHash, reservation.requestHash, reservation.response);
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

  private async replay(accountId: string, token: string, requestHash: string, storedHash: string, response: string | undefined): Promise<LaunchInstancesResult> {
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
    return JSON.parse(answer) as LaunchInstancesResult;
  }
}
