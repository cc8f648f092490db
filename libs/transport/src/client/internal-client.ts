import { Readable, Transform, type TransformCallback } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
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

/** How an answer is read: a JSON body, or a byte stream handed to the caller once the headers are in. */
type AnswerKind = 'json' | 'stream';

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
  post<T>(path: string, body: unknown, options: CallOptions): Promise<T> {
    return this.call<T>(path, body, options, 'json');
  }

  /**
   * A call answered with bytes (a disk image): resolves with the body as a stream once the peer's
   * headers arrive. The per-attempt timeout covers the wait for them; afterwards the stream fails
   * when nothing arrives for that long, so a stalled peer cannot hold the reader forever.
   * @throws as `post` does, for refusals and for errors the peer answers before any byte.
   */
  postForStream(path: string, body: unknown, options: CallOptions): Promise<Readable> {
    return this.call<Readable>(path, body, options, 'stream');
  }

  private async call<T>(path: string, body: unknown, options: CallOptions, answer: AnswerKind): Promise<T> {
    const deadline = Date.now() + this.retryBudgetMs;
    let pause = FIRST_PAUSE_MS;
    let lastReason = 'no peer is registered';
    for (;;) {
      for (const base of this.options.endpoints.endpoints()) {
        const attempt = await this.attempt(base, path, body, options.timeoutMs ?? this.timeoutMs, answer);
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

  private async attempt(base: string, path: string, body: unknown, timeoutMs: number, answer: AnswerKind): Promise<Attempt> {
    const url = `${base}${path}`;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError')), timeoutMs);
    try {
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${this.options.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: abort.signal,
        });
      } catch (error) {
        const code = causeCode(error);
        return { done: false, applied: code !== undefined && NOT_SENT.has(code) ? 'no' : 'unknown', reason: code ?? (error instanceof Error ? error.name : 'fetch failed') };
      }
      if (answer === 'stream' && response.ok && response.body !== null) {
        clearTimeout(timer);
        return { done: true, value: withIdleTimeout(Readable.fromWeb(response.body as ReadableStream<Uint8Array>), timeoutMs, () => abort.abort()) };
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
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * The body as the caller reads it: fails when nothing arrives for `idleMs` (the timer restarts
 * with every chunk), and lets go of the connection (`abort`) when the reading ends early, so the
 * peer learns it and stops sending.
 */
function withIdleTimeout(body: Readable, idleMs: number, abort: () => void): Readable {
  const guard = new IdleGuard(idleMs);
  body.once('error', (error) => guard.destroy(error));
  guard.once('close', () => {
    if (body.readableEnded) return;
    body.destroy();
    abort();
  });
  return body.pipe(guard);
}

class IdleGuard extends Transform {
  private readonly timer: NodeJS.Timeout;

  constructor(idleMs: number) {
    super();
    this.timer = setTimeout(() => this.destroy(new Error(`the peer sent nothing for ${idleMs} ms`)), idleMs);
    this.timer.unref();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.timer.refresh();
    callback(null, chunk);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    clearTimeout(this.timer);
    callback(error);
  }
}

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}
