import type { AppContext } from './context';

/**
 * Runs `work` in the context's transaction, opening one if none is active. Nested service
 * calls therefore join the outer transaction without knowing its scope. Once the transaction it
 * opened commits, the request's loaders and the process's read caches forget segments and versions.
 */
export async function runInTransaction<T>(ctx: AppContext, work: (tx: AppContext) => Promise<T>): Promise<T> {
  if (ctx.em.queryRunner?.isTransactionActive) return work(ctx);
  const result = await ctx.em.transaction((em) => work({ ...ctx, em }));
  // Committed: what it changed is read again by this request and every later one in this process
  // (other processes drop their copies when the commit's NOTIFY reaches them).
  ctx.loaders.wrote();
  return result;
}

/** Guards writes that must share the change's transaction (audit rows, rescoring). */
export function assertInTransaction(ctx: AppContext, what: string): void {
  if (!ctx.em.queryRunner?.isTransactionActive) {
    throw new Error(`${what} must run inside a transaction`);
  }
}
