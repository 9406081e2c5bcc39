import type { EntityManager } from 'typeorm';

/**
 * What a store needs to run its SQL: the request's entity manager, or inside runInTransaction
 * the one bound to the transaction (pass `ctx.em` either way).
 */
export type Sql = Pick<EntityManager, 'query'>;
