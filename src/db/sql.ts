import type { EntityManager } from 'typeorm';

/**
 * What a store runs its SQL on: `ctx.em`, bound to the transaction inside `runInTransaction`,
 * so a store's statements join the caller's transaction without knowing its scope.
 */
export type Sql = Pick<EntityManager, 'query'>;

/** Whether the database answers (readiness probes). */
export async function ping(db: Sql): Promise<void> {
  await db.query('SELECT 1');
}
