import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import express, { type ErrorRequestHandler, type Request } from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { hashSecret, type ApiKeyService } from '../../use-cases/auth/api-key.service';
import type { AuditService } from '../../use-cases/audit/audit.service';
import { authorizationPlugin } from './authorization.plugin';
import type { Config } from '../../config';
import { requestScope, type AppContext } from '../../use-cases/context';
import { systemClock, type Clock } from '../../common/clock';
import { formatError } from './format-error';
import { createLoaders } from '../../use-cases/loaders';
import type { Logger } from '../../logger';
import type { Metrics } from '../../metrics';
import { ping } from '../../db/sql';
import { explorerRoutes } from './explorer';
import { countRequests, metricsRoute } from './metrics-route';
import { HeavyRequestLimiter } from './heavy-request-limiter';
import { inputGuardPlugin, MAX_QUERY_NESTING, queryNestsTooDeep } from './input-guard.plugin';
import { cacheControlPlugin, immutableCachePlugin } from './immutable-cache.plugin';
import { queryCostPlugin } from './query-cost.plugin';
import { MAX_TOKENS, queryLimitRules } from './query-limits';
import { WorkTracker } from './work-tracker';
import type { ReadCaches } from '../../use-cases/read-caches';
import { attachSubscriptions, type Subscriptions } from './subscriptions';

export interface AppOptions {
  dataSource: DataSource;
  /** The schema, its resolvers built with their services (src/app). */
  schema: GraphQLSchema;
  /** What the server calls itself: keys authenticate requests, reads of the audit trail are recorded. */
  services: { apiKeys: ApiKeyService; audit: AuditService; readCaches: ReadCaches };
  config: Readonly<Config>;
  log: Logger;
  /** This process's metrics, served at GET /metrics. */
  metrics: Metrics;
  clock?: Clock;
  /** Shared with background work so that a shutdown waits for both (main.ts). */
  work?: WorkTracker;
}

export interface App {
  http: express.Express;
  apollo: ApolloServer<AppContext>;
  listen(port: number): Promise<{ server: Server; url: string }>;
  /** In-flight requests (and tracked background work); `draining` turns readiness to 503. */
  work: WorkTracker;
  stop(): Promise<void>;
}

/**
 * What a client's x-request-id may be: up to 128 visible ASCII characters. It is kept as the
 * request's clientRequestId, beside the id the server generates; it never replaces that id.
 */
const CLIENT_REQUEST_ID = /^[\x21-\x7E]{1,128}$/;
export const MAX_CLIENT_REQUEST_ID = 128;

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/** The Apollo server behind Express: health checks, limits, auth, one context per request. */
export async function createApp(options: AppOptions): Promise<App> {
  const cfg = options.config;
  const logger = options.log;
  const clock = options.clock ?? systemClock;
  const ds = options.dataSource;
  const { schema, services } = options;
  // Armor only hides field suggestions; the limits are ours, each with its own code and figures.
  const armor = new ApolloArmor({
    maxDepth: { enabled: false },
    maxAliases: { enabled: false },
    maxDirectives: { enabled: false },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  });
  const protection = armor.protect();

  const apollo = new ApolloServer<AppContext>({
    schema,
    formatError: (formatted, error) => formatError(formatted, error, logger),
    introspection: cfg.introspection,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // graphql-js stops parsing at the token limit, so a huge query never becomes a document.
    parseOptions: { maxTokens: MAX_TOKENS },
    validationRules: [
      ...protection.validationRules,
      ...queryLimitRules({ maxDepth: cfg.maxQueryDepth, maxAliases: cfg.maxAliases, maxDirectives: 20 }),
    ],
    // Apollo's landing page loads from a CDN; ours (explorer.ts) is served from here.
    plugins: [
      ...protection.plugins,
      authorizationPlugin(services),
      inputGuardPlugin(schema),
      queryCostPlugin(schema, { maxCost: cfg.maxQueryCost, limiter: new HeavyRequestLimiter(cfg.maxHeavyPerKey, cfg.maxHeavyTotal) }),
      ApolloServerPluginLandingPageDisabled(),
      // Field hooks run in reverse order: the cache-control plugin's runs first and reads our hints after ours sets them.
      immutableCachePlugin,
      cacheControlPlugin(),
    ],
    // main.ts drains and stops on SIGTERM. Apollo's own handler would stop it behind our back
    // (and its stop() never resolves for a second caller), leaving the process hanging.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  let migrationsApplied = false;
  const work = options.work ?? new WorkTracker();
  const http = express();
  http.disable('x-powered-by');
  http.use(countRequests(options.metrics));
  http.get('/metrics', metricsRoute(ds, services.apiKeys, logger, options.metrics));
  http.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  http.get('/readyz', async (_req, res) => {
    // Load balancers stop sending traffic at once, while in-flight requests finish.
    if (work.draining) {
      res.status(503).json({ status: 'shutting down' });
      return;
    }
    try {
      await ping(ds.manager);
      migrationsApplied ||= !(await ds.showMigrations());
      if (!migrationsApplied) {
        res.status(503).json({ status: 'migrations pending' });
        return;
      }
      res.json({ status: 'ready' });
    } catch (err) {
      logger.warn({ err }, 'readiness check failed');
      res.status(503).json({ status: 'database unreachable' });
    }
  });

  if (cfg.introspection) http.use(explorerRoutes());
  http.use(
    '/graphql',
    (req, res, next) => {
      if (work.draining) {
        res.setHeader('connection', 'close');
        res
          .status(503)
          .json({ errors: [{ message: 'The server is shutting down: retry the request', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
        return;
      }
      res.once('close', work.enter());
      const requestId = randomUUID();
      res.setHeader('x-request-id', requestId);
      res.locals.requestId = requestId;
      const clientRequestId = req.header('x-request-id') ?? null;
      if (clientRequestId !== null && !CLIENT_REQUEST_ID.test(clientRequestId)) {
        logger.warn({ requestId, clientRequestIdLength: clientRequestId.length }, 'refused: malformed x-request-id');
        res.status(400).json({
          errors: [
            {
              message: `x-request-id: must be 1 to ${MAX_CLIENT_REQUEST_ID} visible ASCII characters (no spaces); it is kept beside the server's own request id`,
              extensions: { code: 'BAD_REQUEST', field: 'x-request-id', requestId },
            },
          ],
        });
        return;
      }
      res.locals.clientRequestId = clientRequestId;
      next();
    },
    express.json({ limit: cfg.maxBodyBytes }),
    (req, res, next) => {
      const requestId = res.locals.requestId as string;
      const clientRequestId = res.locals.clientRequestId as string | null;
      const query: unknown = req.method === 'GET' ? req.query.query : req.body?.query;
      if (typeof query === 'string' && queryNestsTooDeep(query)) {
        res.status(400).json({
          errors: [
            {
              message: `The query nests brackets deeper than ${MAX_QUERY_NESTING} levels`,
              extensions: { code: 'GRAPHQL_PARSE_FAILED', requestId },
            },
          ],
        });
        return;
      }
      // Entered after the body is read, so Apollo's whole promise chain runs inside the scope.
      requestScope.run({ requestId, log: logger.child({ requestId, ...(clientRequestId ? { clientRequestId } : {}) }) }, next);
    },
    expressMiddleware(apollo, {
      context: async ({ req, res }) => buildContext(req, res.locals.requestId as string, res.locals.clientRequestId as string | null),
    }),
  );

  /**
   * Every failure before GraphQL (an unreadable body: unknown Content-Encoding or charset,
   * broken gzip, malformed JSON, too large) answers JSON in the GraphQL error shape, whatever
   * NODE_ENV; Express's own handler would answer an HTML page with a stack trace.
   */
  const onBodyError: ErrorRequestHandler = (err, _req, res, next) => {
    if (res.headersSent) return next(err);
    const requestId = res.locals.requestId as string | undefined;
    const status = Number(err?.status ?? err?.statusCode);
    let body: { message: string; code: string };
    if (err?.type === 'entity.too.large') {
      body = { message: `Request body exceeds ${cfg.maxBodyBytes} bytes`, code: 'PAYLOAD_TOO_LARGE' };
    } else if (err?.type === 'entity.parse.failed') {
      body = { message: 'Request body is not valid JSON', code: 'BAD_REQUEST' };
    } else if (status >= 400 && status < 500) {
      // body-parser's client errors name the problem without internals ('unsupported content encoding "compress"').
      const message = err?.expose && typeof err.message === 'string' ? err.message : 'The request body cannot be read';
      body = { message: `Bad request: ${message}`, code: 'BAD_REQUEST' };
    } else {
      logger.error({ err, requestId }, 'internal error before GraphQL');
      res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] });
      return;
    }
    res
      .status(status >= 400 && status < 500 ? status : 400)
      .json({ errors: [{ message: body.message, extensions: { code: body.code, ...(requestId ? { requestId } : {}) } }] });
  };
  http.use(onBodyError);

  async function buildContext(req: Request, requestId: string, clientRequestId: string | null): Promise<AppContext> {
    const header = req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    const refusedLog = logger.child({ requestId, ...(clientRequestId ? { clientRequestId } : {}), status: 401, ip: req.ip });
    if (!match) {
      refusedLog.warn({ reason: header ? 'malformed authorization header' : 'no API key' }, 'request refused: unauthenticated');
      throw unauthenticated('Missing API key: send the header "Authorization: Bearer <api key>"');
    }
    const principal = await services.apiKeys.authenticate(ds.manager, match[1]);
    if (!principal) {
      // A revoked key is named by its id; an unknown secret by a fingerprint (never the secret itself).
      const revoked = await services.apiKeys.revokedKeyFor(ds.manager, match[1]);
      refusedLog.warn(
        revoked
          ? { reason: 'revoked API key', keyId: revoked.keyId, role: revoked.role }
          : { reason: 'unknown API key', keyFingerprint: hashSecret(match[1]).slice(0, 12) },
        'request refused: unauthenticated',
      );
      throw unauthenticated('Unknown or revoked API key');
    }
    const log = logger.child({ requestId, ...(clientRequestId ? { clientRequestId } : {}), keyId: principal.keyId, role: principal.role });
    return {
      requestId,
      clientRequestId,
      principal,
      em: ds.manager,
      loaders: createLoaders(ds.manager, clock, services.readCaches),
      clock,
      log,
    };
  }

  let subscriptions: Subscriptions | null = null;
  return {
    http,
    apollo,
    listen: (port) =>
      new Promise((resolve, reject) => {
        const server = http.listen(port, '0.0.0.0', () => {
          subscriptions = attachSubscriptions(server, schema, ds, clock, services.apiKeys, logger);
          const address = server.address();
          const actual = typeof address === 'object' && address ? address.port : port;
          resolve({ server, url: `http://localhost:${actual}/graphql` });
        });
        server.once('error', reject);
      }),
    work,
    stop: async () => {
      await subscriptions?.close();
      await apollo.stop();
    },
  };
}
