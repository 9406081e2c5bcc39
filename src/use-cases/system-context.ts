import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { SYSTEM_PRINCIPAL, type Principal } from '../model/role';
import type { AppContext } from './context';
import { systemClock, type Clock } from '../common/clock';
import { createLoaders } from './loaders';
import type { Logger } from '../logger';
import type { ReadCaches } from './read-caches';

/** A context for work the system does itself (start-up, demo data, commands); audited under `principal`. */
export function createSystemContext(
  ds: DataSource,
  log: Logger,
  principal: Principal = SYSTEM_PRINCIPAL,
  clock: Clock = systemClock,
  caches?: ReadCaches,
): AppContext {
  const requestId = `system-${randomUUID()}`;
  return { requestId, principal, em: ds.manager, loaders: createLoaders(ds.manager, clock, caches), clock, log: log.child({ requestId }) };
}
