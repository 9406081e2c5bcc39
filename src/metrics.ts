/**
 * Figures for operators, served at GET /metrics in Prometheus' text format. One registry per
 * process, built by the composition root: each API process and worker reports its own requests
 * and jobs; the queue's backlog is read from the database at scrape time, so every process
 * reports the same shared figure.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** A registry with fitgraph's metrics (and Node's defaults) registered into it. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'fitgraph_' });
  const httpRequests = new Counter({
    name: 'fitgraph_http_requests_total',
    help: 'HTTP requests answered, by path and status.',
    labelNames: ['path', 'status'] as const,
    registers: [registry],
  });

  const httpRequestSeconds = new Histogram({
    name: 'fitgraph_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by path.',
    labelNames: ['path'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });

  const graphqlErrors = new Counter({
    name: 'fitgraph_graphql_errors_total',
    help: 'Errors returned to GraphQL callers, by extensions.code.',
    labelNames: ['code'] as const,
    registers: [registry],
  });

  const jobsFinished = new Counter({
    name: 'fitgraph_jobs_finished_total',
    help: 'Jobs this process ran to an end, by queue and outcome (completed or failed).',
    labelNames: ['queue', 'outcome'] as const,
    registers: [registry],
  });

  const jobSeconds = new Histogram({
    name: 'fitgraph_job_duration_seconds',
    help: 'Time this process spent on a job, by queue.',
    labelNames: ['queue'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900],
    registers: [registry],
  });

  const jobsRunning = new Gauge({
    name: 'fitgraph_jobs_running',
    help: 'Jobs this process is running now, by queue.',
    labelNames: ['queue'] as const,
    registers: [registry],
  });

  const queueJobs = new Gauge({
    name: 'fitgraph_queue_jobs',
    help: 'Jobs in the shared queue by queue and state (created, retry, active, completed, cancelled, failed), read from the database at scrape time.',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
  });
  return { registry, httpRequests, httpRequestSeconds, graphqlErrors, jobsFinished, jobSeconds, jobsRunning, queueJobs };
}
export type Metrics = ReturnType<typeof createMetrics>;
