import type { EntityManager } from 'typeorm';

/**
 * What a store runs its SQL on: `ctx.em`, bound to the transaction inside `runInTransaction`,
 * so a store's statements join the caller's transaction without knowing its scope.
 */
export type Sql = Pick<EntityManager, 'query'>;
