import type { DataSource } from 'typeorm';
import { createApp, type App } from '../api/server/app';
import type { WorkTracker } from '../api/server/work-tracker';
import { systemClock, type Clock } from '../common/clock';
import type { Config } from '../config';
import { CacheBus } from '../db/process-cache';
import { startBackgroundWork, type BackgroundWork } from '../jobs/background-work';
import { createLogger, type Logger } from '../logger';
import { createMetrics, type Metrics } from '../metrics';
import type { Principal } from '../model/role';
import type { AppContext } from '../use-cases/context';
import { createSystemContext } from '../use-cases/system-context';
import { appSchema } from './resolvers';
import { createServices, type Services } from './services';

export interface FitgraphOptions {
  dataSource: DataSource;
  /** The time every context reads (tests pass a manual clock). */
  clock?: Clock;
  /** Defaults to a logger at the configuration's level. */
  log?: Logger;
}

/** One fitgraph: its configuration, logger and services, and what it builds from them. */
export interface Fitgraph {
  readonly config: Readonly<Config>;
  readonly dataSource: DataSource;
  readonly clock: Clock;
  readonly log: Logger;
  readonly services: Services;
  /** Keeps this fitgraph's caches coherent with other processes' changes, once started (caches serve only while it listens). */
  readonly cacheBus: CacheBus;
  /** This process's figures for GET /metrics (the API's server and its workers share them). */
  readonly metrics: Metrics;
  /** A context for fitgraph's own work (start-up, demo data, commands), audited under `principal` (default: system). */
  system(principal?: Principal): AppContext;
  /** The HTTP server (GraphQL, health checks, metrics); not listening yet. */
  createApp(options?: { work?: WorkTracker }): Promise<App>;
  /** The job queue on `url`, with workers in this process when `runWorkers`. */
  startBackgroundWork(url: string, runWorkers: boolean): Promise<BackgroundWork>;
}

/**
 * The composition root: everything main.ts, worker.ts, the CLIs, the bench and the tests run is
 * built here, from a configuration and a DataSource, and nothing is shared with another fitgraph
 * built in the same process.
 */
export function createFitgraph(config: Readonly<Config>, options: FitgraphOptions): Fitgraph {
  const { dataSource } = options;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLogger(config);
  const cacheBus = new CacheBus();
  const services = createServices(config, cacheBus);
  const metrics = createMetrics();
  return {
    config,
    dataSource,
    clock,
    log,
    services,
    cacheBus,
    metrics,
    system: (principal) => createSystemContext(dataSource, log, principal, clock, services.readCaches),
    createApp: async ({ work } = {}) =>
      createApp({ dataSource, schema: await appSchema(services), services, config, log, metrics, clock, work }),
    startBackgroundWork: (url, runWorkers) => startBackgroundWork({ url, dataSource, config, runWorkers, log, services, metrics, clock }),
  };
}
