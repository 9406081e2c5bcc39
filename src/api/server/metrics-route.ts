import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { DataSource } from 'typeorm';
import type { ApiKeyService } from '../../use-cases/auth/api-key.service';
import { jobCounts } from '../../queue/job-queue';
import type { Logger } from '../../logger';
import type { Metrics } from '../../metrics';

const KNOWN_PATHS = new Set(['/graphql', '/healthz', '/readyz', '/metrics']);

/** Counts every request by path (unknown paths as one label, so scanners cannot blow up the series) and status. */
export function countRequests(metrics: Metrics): (req: Request, res: Response, next: NextFunction) => void {
  return (req, res, next) => {
    const path = KNOWN_PATHS.has(req.path) ? req.path : 'other';
    const stop = metrics.httpRequestSeconds.startTimer({ path });
    res.on('finish', () => {
      stop();
      metrics.httpRequests.inc({ path, status: String(res.statusCode) });
    });
    next();
  };
}

/**
 * GET /metrics in Prometheus' text format. Like every route but the health checks it needs an
 * API key; any role will do (give the scraper a VIEWER key).
 */
export function metricsRoute(ds: DataSource, apiKeys: ApiKeyService, log: Logger, metrics: Metrics): RequestHandler {
  return async (req, res) => {
    try {
      const match = /^Bearer\s+(\S+)$/i.exec((req.header('authorization') ?? '').trim());
      const principal = match ? await apiKeys.authenticate(ds.manager, match[1]) : null;
      if (!principal) {
        res.status(401).json({ errors: [{ message: 'Unknown, revoked or missing API key', extensions: { code: 'UNAUTHENTICATED' } }] });
        return;
      }
      await readQueueFigures(ds, metrics.queueJobs);
      res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    } catch (err) {
      log.error({ err }, 'metrics failed');
      res.status(500).json({ errors: [{ message: 'Internal server error' }] });
    }
  };
}

/** The shared queue's jobs by queue and state; nothing before the queue's schema exists. */
async function readQueueFigures(ds: DataSource, queueJobs: Metrics['queueJobs']): Promise<void> {
  const counts = await jobCounts(ds.manager);
  queueJobs.reset();
  for (const c of counts) queueJobs.set({ queue: c.queue, state: c.state }, c.jobs);
}
