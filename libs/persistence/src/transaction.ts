import type { EntityManager } from 'typeorm';

/**
 * An open transaction, handed to repository methods that must run inside the caller's
 * transaction. Callers outside persistence only pass it along; they never use TypeORM through it.
 */
export type Tx = EntityManager;
