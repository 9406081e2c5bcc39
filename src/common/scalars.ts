import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { GraphQLDateTime, GraphQLJSON } from 'graphql-scalars';
import { parseDate } from './dates';

function dateTimeInput(value: unknown): Date {
  const date = parseDate(value, true);
  if (!date) {
    const shown = typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value) : typeof value;
    throw new GraphQLError(`expected a date-time with offset that exists, e.g. 2026-11-23T10:00:00Z (got ${shown})`);
  }
  return date;
}

/**
 * graphql-scalars' DateTime for output; input is read by fitgraph's one date parser (offset
 * required), so arguments, filters and attributes agree on which days exist.
 */
export const DateTimeScalar = new GraphQLScalarType({
  ...GraphQLDateTime.toConfig(),
  description: 'An ISO-8601 date-time with offset, e.g. 2026-11-23T10:00:00Z.',
  parseValue: (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value : dateTimeInput(value)),
  parseLiteral: (ast: ValueNode) => dateTimeInput(ast.kind === Kind.STRING ? ast.value : undefined),
});

export const JSONScalar = new GraphQLScalarType({
  ...GraphQLJSON.toConfig(),
  description: 'Any JSON value.',
});
