/** What a replay needs of a completed call: the parameters it was made with, and its answer. */
export interface ClientTokenAnswer {
  readonly requestHash: string;
  /** The answer as the ClientToken record stores it (JSON). */
  readonly response: string;
}

/**
 * The fast path for ClientToken replays, consulted before the database. It holds only completed
 * calls, whose records never change again, so an answer from it is the one the database would
 * give; absence (never cached, expired, flushed, cache down) only sends the replay to the database.
 * Neither method throws.
 */
export interface ClientTokenCache {
  answer(accountId: string, clientToken: string): Promise<ClientTokenAnswer | undefined>;
  /** Called once the answer is committed to the database, never before. */
  remember(accountId: string, clientToken: string, answer: ClientTokenAnswer): Promise<void>;
}

/** No cache: every replay reads the database (the all-in-one, where the database is in-process). */
export const NO_CLIENT_TOKEN_CACHE: ClientTokenCache = {
  answer: async () => undefined,
  remember: async () => undefined,
};
