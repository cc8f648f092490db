import { EcsError } from '@ecs/domain';
import { decodeError } from '../wire/wire-error';
import { NotLeaderError, PeerUnavailableError } from '../wire/transport-errors';
import type { EndpointSource } from './endpoint-source';

export interface InternalClientOptions {
  /** The peer service, for error messages. */
  readonly service: string;
  readonly token: string;
  readonly endpoints: EndpointSource;
  /** Per attempt; a peer that takes longer is given up on. */
  readonly timeoutMs?: number;
  /**
   * How long to keep looking for a peer that will serve: refusals ("not leader", connection
   * refused) move on to the next peer, and after a full round the client waits and asks discovery
   * again — long enough to ride out a leader election.
   */
  readonly retryBudgetMs?: number;
}

export interface CallOptions {
  /**
   * Safe to send twice. Then a timeout or a dropped connection is retried like a refusal; otherwise
   * the outcome is unknown and the call fails rather than risk doing the work twice.
   */
  readonly idempotent: boolean;
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_RETRY_BUDGET_MS = 15_000;
const FIRST_PAUSE_MS = 50;
const MAX_PAUSE_MS = 1_000;
/** Failures before any byte of the request reached the peer: the request was certainly not applied. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

type Attempt = { readonly done: true; readonly value: unknown } | { readonly done: false; readonly applied: 'no' | 'unknown'; readonly reason: string };

/**
 * JSON over HTTP to another component's internal API, with the internal token. Errors arrive as
 * the class the peer threw (see wire-error.ts); refusals are retried on other peers, and nothing
 * that may have been applied is ever sent twice unless the call says it is idempotent.
 */
export class InternalClient {
  private readonly timeoutMs: number;
  private readonly retryBudgetMs: number;

  constructor(private readonly options: InternalClientOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retryBudgetMs = options.retryBudgetMs ?? DEFAULT_RETRY_BUDGET_MS;
  }

  /**
   * @throws the peer's own error (EcsError, StaleEpochError …); EcsError ServiceUnavailable when no
   * peer served within the retry budget, or when a non-idempotent call's outcome is unknown.
   */
  async post<T>(path: string, body: unknown, options: CallOptions): Promise<T> {
    const deadline = Date.now() + this.retryBudgetMs;
    let pause = FIRST_PAUSE_MS;
    let lastReason = 'no peer is registered';
    for (;;) {
      for (const base of this.options.endpoints.endpoints()) {
        const attempt = await this.attempt(base, path, body, options.timeoutMs ?? this.timeoutMs);
        if (attempt.done) return attempt.value as T;
        lastReason = `${base}: ${attempt.reason}`;
        if (attempt.applied === 'unknown' && !options.idempotent) {
          throw new EcsError('ServiceUnavailable', `The ${this.options.service} service did not answer; the request may have been applied. Retry with the same ClientToken.`);
        }
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new EcsError('ServiceUnavailable', `No ${this.options.service} replica could serve the request (${lastReason}).`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(pause, remaining)));
      pause = Math.min(pause * 2, MAX_PAUSE_MS);
    }
  }

  private async attempt(base: string, path: string, body: unknown, timeoutMs: number): Promise<Attempt> {
    const url = `${base}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.options.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const code = causeCode(error);
      return { done: false, applied: code !== undefined && NOT_SENT.has(code) ? 'no' : 'unknown', reason: code ?? (error instanceof Error ? error.name : 'fetch failed') };
    }
    let payload: unknown;
    try {
      const text = await response.text();
      payload = text === '' ? undefined : JSON.parse(text);
    } catch (error) {
      return { done: false, applied: 'unknown', reason: `unreadable answer (${error instanceof Error ? error.message : 'body'})` };
    }
    if (response.ok) return { done: true, value: payload };
    const failure = decodeError(url, response.status, payload);
    if (failure instanceof NotLeaderError || failure instanceof PeerUnavailableError) return { done: false, applied: 'no', reason: failure.message };
    throw failure;
  }
}

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}
