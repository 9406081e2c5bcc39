import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, getNullableType, getVariableValues, isListType, visit, type DocumentNode, type GraphQLSchema } from 'graphql';
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

/** Field arguments the estimate reads (listEstimator). */
const SIZING_ARGUMENTS = new Set(['first', 'last', 'ids']);

/**
 * The variables an estimate depends on: those inside a sizing argument or a directive's
 * arguments (@skip and @include leave fields out). Any other variable (a cursor, an id) changes
 * nothing in the cost.
 */
function sizingVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  const collect = (node: Parameters<typeof visit>[0]) =>
    visit(node, {
      Variable(v) {
        names.add(v.name.value);
      },
    });
  visit(document, {
    Field(field) {
      for (const arg of field.arguments ?? []) if (SIZING_ARGUMENTS.has(arg.name.value)) collect(arg.value);
    },
    Directive(directive) {
      for (const arg of directive.arguments ?? []) collect(arg.value);
    },
  });
  return [...names].sort();
}

type Estimate = { cost: number; heavy: boolean };

/** Estimates this many different sizings of one document at most are kept. */
const ESTIMATES_PER_DOCUMENT = 64;

/**
 * Estimates per schema and document, by operation name and the values of its sizing variables.
 * Apollo hands every request of the same query text the same parsed document, so a page read
 * with a new cursor each time is estimated once (the walk cost about 3 % of a fits request's CPU).
 */
const estimates = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, { sizing: string[]; byKey: Map<string, Estimate> }>>();

function cachedEstimates(schema: GraphQLSchema, document: DocumentNode) {
  let documents = estimates.get(schema);
  if (!documents) estimates.set(schema, (documents = new WeakMap()));
  let entry = documents.get(document);
  if (!entry) documents.set(document, (entry = { sizing: sizingVariables(document), byKey: new Map() }));
  return entry;
}

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
          const variables = request.variables ?? {};
          const cached = cachedEstimates(schema, document);
          const key = `${request.operationName ?? ''}\u0000${JSON.stringify(cached.sizing.map((name) => variables[name] ?? null))}`;
          let estimate = cached.byKey.get(key);
          try {
            if (estimate) {
              // Estimating coerced every variable before Apollo does; a cached estimate still does.
              const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
              if (coerced.errors) throw coerced.errors[0];
            } else {
              estimate = { cost: 0, heavy: false };
              const found = estimate;
              const reportEstimator: ComplexityEstimator = ({ type, field, childComplexity }) => {
                const reportCost = REPORT_COSTS[`${type.name}.${field.name}`];
                if (reportCost === undefined) return undefined;
                found.heavy = true;
                return reportCost + childComplexity;
              };
              found.cost = getComplexity({
                schema,
                query: document,
                operationName: request.operationName ?? undefined,
                variables,
                estimators: [reportEstimator, listEstimator, simpleEstimator({ defaultComplexity: 1 })],
              });
              if (cached.byKey.size < ESTIMATES_PER_DOCUMENT) cached.byKey.set(key, found);
            }
          } catch (err) {
            // Estimating coerces the variables before Apollo does: a bad variable surfaces here.
            if (err instanceof GraphQLError) {
              throw new GraphQLError(err.message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
            }
            throw err;
          }
          const { cost, heavy } = estimate;
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
