import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import express, { type ErrorRequestHandler, type Request } from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { apiKeyService } from '../auth/api-key.service';
import { authorizationPlugin } from '../auth/authorization.plugin';
import { config as defaultConfig, type Config } from '../config';
import { requestScope, systemClock, type AppContext, type Clock } from '../context';
import { formatError } from '../errors/format-error';
import { createLoaders } from '../loaders';
import { logger } from '../logger';
import { countRequests, metricsRoute } from './metrics-route';
import { HeavyRequestLimiter } from './heavy-request-limiter';
import { inputGuardPlugin, MAX_QUERY_NESTING, queryNestsTooDeep } from './input-guard.plugin';
import { queryCostPlugin } from './query-cost.plugin';
import { buildAppSchema } from './schema';

export interface AppOptions {
  dataSource: DataSource;
  config?: Readonly<Config>;
  clock?: Clock;
  schema?: GraphQLSchema;
}

export interface App {
  http: express.Express;
  apollo: ApolloServer<AppContext>;
  listen(port: number): Promise<{ server: Server; url: string }>;
  stop(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/** The Apollo server behind Express: health checks, limits, auth, one context per request. */
export async function createApp(options: AppOptions): Promise<App> {
  const cfg = options.config ?? defaultConfig;
  const clock = options.clock ?? systemClock;
  const ds = options.dataSource;
  const schema = options.schema ?? (await buildAppSchema());
  const armor = new ApolloArmor({
    maxDepth: { n: cfg.maxQueryDepth, ignoreIntrospection: true },
    maxAliases: { n: cfg.maxAliases },
    maxDirectives: { n: 20 },
    maxTokens: { n: 20_000 },
    costLimit: { enabled: false }, // ours below knows page sizes
    blockFieldSuggestion: { enabled: true },
  });
  const protection = armor.protect();

  const apollo = new ApolloServer<AppContext>({
    schema,
    formatError,
    introspection: cfg.introspection,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    validationRules: protection.validationRules,
    plugins: [
      ...protection.plugins, authorizationPlugin, inputGuardPlugin(schema),
      queryCostPlugin(schema, { maxCost: cfg.maxQueryCost, limiter: new HeavyRequestLimiter(cfg.maxHeavyPerKey, cfg.maxHeavyTotal) }),
    ],
  });
  await apollo.start();

  let migrationsApplied = false;
  const http = express();
  http.disable('x-powered-by');
  http.use(countRequests);
  http.get('/metrics', metricsRoute(ds));
  http.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  http.get('/readyz', async (_req, res) => {
    try {
      await ds.query('SELECT 1');
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

  http.use('/graphql', (req, res, next) => {
    const given = req.header('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', requestId);
    res.locals.requestId = requestId;
    next();
  }, express.json({ limit: cfg.maxBodyBytes }), (req, res, next) => {
    const requestId = res.locals.requestId as string;
    const query: unknown = req.body?.query;
    if (typeof query === 'string' && queryNestsTooDeep(query)) {
      res.status(400).json({ errors: [{
        message: `The query nests brackets deeper than ${MAX_QUERY_NESTING} levels`,
        extensions: { code: 'GRAPHQL_PARSE_FAILED', requestId },
      }] });
      return;
    }
    // Entered after the body is read, so Apollo's whole promise chain runs inside the scope.
    requestScope.run({ requestId, log: logger.child({ requestId }) }, next);
  }, expressMiddleware(apollo, {
    context: async ({ req, res }) => buildContext(req, res.locals.requestId as string),
  }));

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
    res.status(status >= 400 && status < 500 ? status : 400)
      .json({ errors: [{ message: body.message, extensions: { code: body.code, ...(requestId ? { requestId } : {}) } }] });
  };
  http.use(onBodyError);

  async function buildContext(req: Request, requestId: string): Promise<AppContext> {
    const header = req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match) throw unauthenticated('Missing API key: send the header "Authorization: Bearer <api key>"');
    const principal = await apiKeyService.authenticate(ds.manager, match[1]);
    if (!principal) throw unauthenticated('Unknown or revoked API key');
    const log = logger.child({ requestId, keyId: principal.keyId });
    return { requestId, principal, em: ds.manager, loaders: createLoaders(ds.manager, clock), clock, log };
  }

  return {
    http,
    apollo,
    listen: (port) => new Promise((resolve, reject) => {
      const server = http.listen(port, '0.0.0.0', () => {
        const address = server.address();
        const actual = typeof address === 'object' && address ? address.port : port;
        resolve({ server, url: `http://localhost:${actual}/graphql` });
      });
      server.once('error', reject);
    }),
    stop: () => apollo.stop(),
  };
}
