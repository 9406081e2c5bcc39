/**
 * HTTP load with autocannon, run in a worker thread: the app under test serves from this
 * process's main event loop, and a load generator sharing that loop would take a third of
 * its time (and its latency figures would include the wait for the generator's own work).
 * The worker rotates request bodies across all connections with one counter, so that 50
 * connections spread over the ~50 cursors / ~1,000 ids instead of marching in step.
 */
import { Worker } from 'node:worker_threads';

export interface LoadOptions {
  url: string;
  apiKey: string;
  /** GraphQL request bodies (JSON text); requests rotate over them. */
  bodies: string[];
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  requests: number;
  /** Completed 2xx responses without GraphQL errors, per second of the run. */
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  graphqlErrors: number;
  firstError: string | null;
}

// Plain JS, evaluated in the worker (no TypeScript loader there).
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const autocannon = require(workerData.autocannonPath);
const { url, apiKey, bodies, connections, durationSeconds } = workerData;
let next = 0;
let graphqlErrors = 0;
let firstError = null;
const options = {
  url, connections, duration: durationSeconds, method: 'POST',
  headers: { 'content-type': 'application/json', authorization: 'Bearer ' + apiKey },
  requests: [{
    setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }),
    onResponse: (status, body) => {
      // A GraphQL failure is still HTTP 200 for some errors: count them from the body.
      if (body.includes('"errors"')) { graphqlErrors++; if (!firstError) firstError = body.slice(0, 300); }
    },
  }],
};
autocannon(options, (err, raw) => {
  if (err) { parentPort.postMessage({ error: String(err && err.stack || err) }); return; }
  // Off the main thread autocannon returns raw histograms and leaves aggregation to the caller.
  const r = autocannon.aggregateResult([raw], { url, connections, duration: durationSeconds });
  parentPort.postMessage({ result: {
    requests: r.requests.total, duration: r.duration, ok: r['2xx'], p50: r.latency.p50, p99: r.latency.p99,
    non2xx: r.non2xx, errors: r.errors + r.timeouts, graphqlErrors, firstError,
  } });
});
`;

export function runLoad(opts: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { ...opts, autocannonPath: require.resolve('autocannon') },
    });
    worker.once('message', (msg: { error?: string; result?: Record<string, number | string | null> }) => {
      void worker.terminate();
      if (msg.error || !msg.result) {
        reject(new Error(msg.error ?? 'autocannon returned nothing'));
        return;
      }
      const r = msg.result as {
        requests: number;
        duration: number;
        ok: number;
        p50: number;
        p99: number;
        non2xx: number;
        errors: number;
        graphqlErrors: number;
        firstError: string | null;
      };
      resolve({
        requests: r.requests,
        rps: Math.max(0, r.ok - r.graphqlErrors) / r.duration,
        p50: r.p50,
        p99: r.p99,
        non2xx: r.non2xx,
        errors: r.errors,
        graphqlErrors: r.graphqlErrors,
        firstError: r.firstError,
      });
    });
    worker.once('error', reject);
  });
}
