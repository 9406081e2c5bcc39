import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';
import type { Principal } from './auth/role';
import type { Loaders } from './loaders';
import type { Logger } from './logger';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/**
 * Everything a service needs for one request: who calls, the request id for logs and audit,
 * the entity manager (bound to a transaction inside `runInTransaction`), per-request loaders
 * and the clock (tests drive it).
 */
export interface AppContext {
  requestId: string;
  principal: Principal;
  em: EntityManager;
  loaders: Loaders;
  clock: Clock;
  log: Logger;
}

/** Request id and logger of the request being served, for code that gets no context (formatError). */
export const requestScope = new AsyncLocalStorage<{ requestId: string; log: Logger }>();
