import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, getNullableType, isListType, type GraphQLSchema } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';

/**
 * A list field costs its children times the page size asked for (`first`), or 5 when
 * unbounded; a connection's `edges` are already counted by its `first`.
 */
const listEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (typeof args.first === 'number') return 1 + childComplexity * args.first;
  if (field.name === 'edges') return 1 + childComplexity;
  if (isListType(getNullableType(field.type))) return 1 + childComplexity * 5;
  return undefined;
};

/**
 * Refuses operations whose estimated cost exceeds `maxCost` before they execute, so one
 * request cannot ask for millions of nested rows.
 */
export function queryCostPlugin(schema: GraphQLSchema, maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              operationName: request.operationName ?? undefined,
              variables: request.variables ?? {},
              estimators: [listEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch (err) {
            // Estimating coerces the variables before Apollo does: a bad variable surfaces here.
            if (err instanceof GraphQLError) {
              throw new GraphQLError(err.message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
            }
            throw err;
          }
          if (cost > maxCost) {
            throw new GraphQLError(`Query cost ${cost} exceeds the limit of ${maxCost}; ask for smaller pages or fewer fields`, {
              extensions: { code: 'BAD_USER_INPUT', cost, maxCost, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
