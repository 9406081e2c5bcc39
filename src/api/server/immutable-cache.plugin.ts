import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { Kind, type DocumentNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** How long a client may keep an answer that cannot change: a published or superseded version's content. */
export const IMMUTABLE_MAX_AGE_SECONDS = 3_600;

/** Types whose every field is part of a version's definition or diff, fixed once the version is published. */
const DEFINITION_TYPES = new Set([
  'IcpDefinition',
  'DimensionDefinition',
  'Criterion',
  'Disqualifier',
  'TierThresholds',
  'TierAction',
  'DefinitionChange',
]);
/** Fields of a version that still change while it is live (it will be superseded). */
const CHANGING_WHILE_LIVE = new Set(['status', 'supersededAt', 'updatedAt']);

const fixed = (version: unknown) => {
  const status = (version as { status?: string } | null)?.status;
  return status === 'PUBLISHED' || status === 'SUPERSEDED';
};

/** Root fields whose answer may be immutable. */
const CACHEABLE_ROOTS = new Set(['icpVersion', 'versionDiff']);

/** The names of an operation's root fields, through fragments and inline fragments. */
function rootFieldNames(selectionSet: SelectionSetNode, document: DocumentNode, seen = new Set<string>()): string[] {
  return selectionSet.selections.flatMap((s) => {
    if (s.kind === Kind.FIELD) return [s.name.value];
    if (s.kind === Kind.INLINE_FRAGMENT) return rootFieldNames(s.selectionSet, document, seen);
    if (seen.has(s.name.value)) return [];
    seen.add(s.name.value);
    const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === s.name.value);
    return fragment && fragment.kind === Kind.FRAGMENT_DEFINITION ? rootFieldNames(fragment.selectionSet, document, seen) : [];
  });
}

type CacheHint = { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' };
const hint = (info: GraphQLResolveInfo, h: CacheHint) =>
  (info as GraphQLResolveInfo & { cacheControl?: { setCacheHint(h: CacheHint): void } }).cacheControl?.setCacheHint(h);
const keep = { maxAge: IMMUTABLE_MAX_AGE_SECONDS, scope: 'PRIVATE' } as const;

/**
 * Cache-Control hints for what cannot change: `icpVersion` and `versionDiff` of published or
 * superseded versions, with their definitions, answer `cache-control: max-age=3600, private`
 * (private: answers depend on the key). Anything else in the same query (a segment, a draft, a
 * live version's status) keeps Apollo's default of no-store, since the response's policy is its
 * most restrictive field's. Apollo installs its cache-control plugin after ours and calls field
 * hooks in reverse plugin order, so its hook sets `info.cacheControl` before ours and counts our
 * hints after ours has set them.
 */
export const immutableCachePlugin: ApolloServerPlugin = {
  async requestDidStart() {
    let mayBeCached = true;
    return {
      async didResolveOperation({ operation, document, overallCachePolicy }) {
        // Only icpVersion and versionDiff answers are ever cacheable. Any other operation is
        // no-store from the start, so that neither plugin works out a policy field by field
        // (Apollo's then only hands out a placeholder hint per field).
        mayBeCached =
          !!operation &&
          operation.operation === 'query' &&
          rootFieldNames(operation.selectionSet, document).some((f) => CACHEABLE_ROOTS.has(f));
        if (!mayBeCached) overallCachePolicy.restrict({ maxAge: 0 });
      },
      async executionDidStart() {
        if (!mayBeCached) return {};
        return {
          willResolveField({ source, info }) {
            const parent = info.parentType.name;
            const field = info.fieldName;
            if (DEFINITION_TYPES.has(parent) || (parent === 'IcpVersion' && field === 'definition')) {
              hint(info, keep);
              return undefined;
            }
            if (parent === 'IcpVersion' && CHANGING_WHILE_LIVE.has(field) && (source as { status?: string }).status === 'PUBLISHED') {
              hint(info, { maxAge: 0 });
              return undefined;
            }
            const rootVersion = parent === 'Query' && field === 'icpVersion';
            const diffPart = parent === 'VersionDiff' && (field === 'from' || field === 'to');
            const diff = parent === 'Query' && field === 'versionDiff';
            if (!rootVersion && !diffPart && !diff && !(parent === 'VersionDiff' && field === 'changes')) return undefined;
            if (parent === 'VersionDiff' && field === 'changes') {
              if (fixed((source as { from?: unknown }).from) && fixed((source as { to?: unknown }).to)) hint(info, keep);
              return undefined;
            }
            // Decided on the result: hints set before the cache-control plugin's own end hook counts them.
            return (_error: unknown, result: unknown) => {
              const immutable = diff
                ? fixed((result as { from?: unknown } | null)?.from) && fixed((result as { to?: unknown } | null)?.to)
                : fixed(result);
              if (immutable) hint(info, keep);
            };
          },
        };
      },
    };
  },
};

/**
 * Apollo's cache-control plugin, installed here (so that Apollo does not add its own) and kept
 * out of execution for the operations `immutableCachePlugin` made no-store before it started:
 * left alone, it hooks every field of every answer to hand out a placeholder hint (a fits page
 * of 20 is over a hundred fields), which cost more than the page's SQL. Those answers still get
 * `cache-control: no-store` from its willSendResponse. It must come after `immutableCachePlugin`
 * in the list, so that its field hook runs first where both run.
 */
export function cacheControlPlugin(): ApolloServerPlugin {
  const apollos = ApolloServerPluginCacheControl();
  return {
    ...apollos,
    async requestDidStart(requestContext) {
      const listener = (await apollos.requestDidStart?.(requestContext)) as GraphQLRequestListener<BaseContext> | void;
      if (!listener?.executionDidStart) return listener;
      const { executionDidStart } = listener;
      return {
        ...listener,
        async executionDidStart(executionContext) {
          // maxAge 0 cannot become cacheable again: nothing to work out field by field.
          if (executionContext.overallCachePolicy.maxAge === 0) return undefined;
          return executionDidStart.call(listener, executionContext);
        },
      };
    },
  };
}
