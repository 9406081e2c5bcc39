import type { Server } from 'node:http';
import express from 'express';
import type { DataSource } from 'typeorm';
import type { Logger } from '../../logger';
import type { Metrics } from '../../metrics';
import type { ApiKeyService } from '../../use-cases/auth/api-key.service';
import { countRequests, metricsRoute } from './metrics-route';

/** A worker's own small HTTP server: GET /healthz and GET /metrics (its job figures). */
export function startMetricsServer(
  ds: DataSource,
  apiKeys: ApiKeyService,
  port: number,
  log: Logger,
  metrics: Metrics,
): Promise<{ server: Server; url: string }> {
  const http = express();
  http.disable('x-powered-by');
  http.use(countRequests(metrics));
  http.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  http.get('/metrics', metricsRoute(ds, apiKeys, log, metrics));
  return new Promise((resolve, reject) => {
    const server = http.listen(port, '0.0.0.0', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolve({ server, url: `http://localhost:${actual}/metrics` });
    });
    server.once('error', reject);
  });
}
