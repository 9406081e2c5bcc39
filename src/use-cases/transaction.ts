import type { AppContext } from './context';

/**
 * Runs `work` in the context's transaction, opening one if none is active. Nested service
 * calls therefore join the outer transaction without knowing its scope.
 */
export async function runInTransaction<T>(ctx: AppContext, work: (tx: AppContext) => Promise<T>): Promise<T> {
  if (ctx.em.queryRunner?.isTransactionActive) return work(ctx);
  return ctx.em.transaction((em) => work({ ...ctx, em }));
}

/** Guards writes that must share the change's transaction (audit rows, rescoring). */
export function assertInTransaction(ctx: AppContext, what: string): void {
  if (!ctx.em.queryRunner?.isTransactionActive) {
    throw new Error(`${what} must run inside a transaction`);
  }
}
