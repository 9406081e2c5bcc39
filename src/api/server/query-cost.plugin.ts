import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, getNullableType, isListType, type GraphQLSchema } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { AppContext } from '../../use-cases/context';
import type { HeavyRequestLimiter } from './heavy-request-limiter';

/**
 * What a report really costs, in the units of the cost limit (a field is 1, a list its
 * children times its page size). Reports read a segment's whole score and outcome history
 * whatever few fields they return, so their cost is set from their running time beside a
 * page of fits: at 1,000,000 accounts a backtest takes about 15 s and a comparison 1.8 s,
 * against milliseconds for a page. With the default limit of 100,000 one request holds one
 * backtest or integrity check, three comparisons, or five dashboards or exception reports.
 * Every field listed here also makes its request heavy (see HeavyRequestLimiter).
 */
export const REPORT_COSTS: Readonly<Record<string, number>> = {
  'Query.backtest': 60_000,
  'Query.auditIntegrity': 60_000,
  'Query.conversionComparison': 30_000,
  'Query.exceptions': 20_000,
  'Query.tierDashboard': 20_000,
  // Discovery reads every labelled account's attributes (icpInsights) and scores them (suggestDraft).
  'Query.icpInsights': 40_000,
  'Mutation.suggestDraft': 60_000,
};

/** Seconds a refused heavy request is told to wait (Retry-After); reports take seconds at scale. */
export const HEAVY_RETRY_AFTER_SECONDS = 2;
import { QueryLimitError } from '../../errors/domain-errors';

/**
 * A list field costs its children times the page size asked for (`last`, else `first`), or 5 when
 * unbounded; a connection's `edges` are already counted by its `first`.
 */
const listEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  // last wins over first (which has a default), as connections read them.
  const pageSize = typeof args.last === 'number' ? args.last : typeof args.first === 'number' ? args.first : null;
  if (pageSize !== null) return 1 + childComplexity * pageSize;
  if (Array.isArray(args.ids)) return 1 + childComplexity * args.ids.length;
  // A connection's edges and nodes are the same page, counted once by its first/last.
  if (field.name === 'edges' || field.name === 'nodes') return 1 + childComplexity;
  if (isListType(getNullableType(field.type))) return 1 + childComplexity * 5;
  return undefined;
};

export interface QueryCostOptions {
  maxCost: number;
  /** Bounds concurrent heavy requests per key and in total; none means unbounded. */
  limiter?: HeavyRequestLimiter;
}

/**
 * Refuses operations whose estimated cost exceeds `maxCost` before they execute, so one
 * request cannot ask for millions of nested rows; then admits a heavy operation (one that
 * asks for a report) only while its key and the server have a heavy slot free, else refuses
 * it with TOO_MANY_REQUESTS (HTTP 429, Retry-After), so that a key's flood of reports leaves
 * connections and CPU to every other request.
 */
export function queryCostPlugin(schema: GraphQLSchema, options: QueryCostOptions): ApolloServerPlugin<AppContext> {
  const { maxCost, limiter } = options;
  return {
    async requestDidStart() {
      let release: (() => void) | undefined;
      return {
        async didResolveOperation({ request, document, operation, contextValue }) {
          // No such operation: Apollo answers OPERATION_RESOLUTION_FAILURE (400) itself.
          if (!operation) return;
          let cost: number;
          let heavy = false;
          const reportEstimator: ComplexityEstimator = ({ type, field, childComplexity }) => {
            const reportCost = REPORT_COSTS[`${type.name}.${field.name}`];
            if (reportCost === undefined) return undefined;
            heavy = true;
            return reportCost + childComplexity;
          };
          try {
            cost = getComplexity({
              schema,
              query: document,
              operationName: request.operationName ?? undefined,
              variables: request.variables ?? {},
              estimators: [reportEstimator, listEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch (err) {
            // Estimating coerces the variables before Apollo does: a bad variable surfaces here.
            if (err instanceof GraphQLError) {
              throw new GraphQLError(err.message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
            }
            throw err;
          }
          if (cost > maxCost) {
            const error = new QueryLimitError(
              'QUERY_TOO_COMPLEX',
              `Query cost ${cost} exceeds the limit of ${maxCost}; ask for smaller pages, fewer fields or fewer reports`,
              { cost, maxCost },
            );
            throw new GraphQLError(error.message, { originalError: error, extensions: { http: { status: 400 } } });
          }
          if (!heavy || !limiter) return;
          const slot = limiter.tryAcquire(contextValue.principal.keyId ?? contextValue.principal.name); // requests always carry a key id
          if ('release' in slot) {
            release = slot.release;
            return;
          }
          const message =
            slot.refused === 'PER_KEY'
              ? `Too many reports running for this API key (at most ${limiter.maxPerKey} at once); retry after ${HEAVY_RETRY_AFTER_SECONDS} s`
              : `Too many reports running on the server (at most ${limiter.maxTotal} at once); retry after ${HEAVY_RETRY_AFTER_SECONDS} s`;
          throw new GraphQLError(message, {
            extensions: {
              code: 'TOO_MANY_REQUESTS',
              limit: slot.refused,
              retryAfterSeconds: HEAVY_RETRY_AFTER_SECONDS,
              http: { status: 429, headers: new HeaderMap([['retry-after', String(HEAVY_RETRY_AFTER_SECONDS)]]) },
            },
          });
        },
        async willSendResponse() {
          release?.();
        },
      };
    },
  };
}
