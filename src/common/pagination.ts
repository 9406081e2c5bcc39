import { createHash } from 'node:crypto';
import { ArgsType, type ClassType, Field, Int, ObjectType } from 'type-graphql';
import { BadUserInputError } from '../errors/domain-errors';
import { isIsoDate } from './dates';
import { isUuid } from './ids';

export const MAX_PAGE_SIZE = 500;

@ObjectType({
  description:
    'Relay page information. Paging forward (first), hasNextPage is true when rows of the window follow the page or `before` was given, hasPreviousPage when `after` was given; paging backward (last), hasPreviousPage is true when rows of the window precede the page or `after` was given, hasNextPage when `before` was given.',
})
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field()
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Page<T> {
  edges: Array<{ cursor: string; node: T }>;
  /** The edges' nodes, for clients that need no cursors. */
  nodes: T[];
  pageInfo: PageInfo;
  /** A promise when counting is deferred until a client selects the field. */
  totalCount: number | Promise<number>;
}

/** `XConnection` and `XEdge` types for a node type, as the contract names them. */
export function connectionTypes<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor: string;

    @Field(() => node)
    node: T;
  }

  @ObjectType(`${name}Connection`)
  class Connection {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => [node], { description: 'The nodes of edges, in the same order.' })
    nodes: T[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int)
    totalCount: number;
  }
  return { Edge, Connection };
}

export function checkPageSize(size: number, field = 'first'): number {
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw BadUserInputError.forField(field, `must be between 1 and ${MAX_PAGE_SIZE} (got ${size})`);
  }
  return size;
}

/**
 * The page arguments of every connection field (Relay): after/before bound the window, first
 * reads it forward, last backward; any combination. pageRequest checks them (sizes up to
 * MAX_PAGE_SIZE, cursors of the same list).
 */
@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    defaultValue: 50,
    description: 'Page size forward, up to 500: the first rows after `after` (or of the list); ignored when last is given.',
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'A cursor of this field with the same arguments: the page starts after it.' })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "Page size backward, up to 500: the last rows before `before` (or of the list), not reaching back past `after` when given, in the list's order.",
  })
  last?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'A cursor of this field with the same arguments: the page ends before it.',
  })
  before?: string | null;
}

/**
 * The list a cursor belongs to: its name and the arguments that choose its rows (segment, filter...),
 * never the page arguments. A cursor carries a fingerprint of it, so a cursor of one list is refused
 * by another (the fits of `enterprise` are not a page of `growth`'s).
 */
export interface ListScope {
  kind: string;
  fingerprint: string;
}

/** JSON with object keys sorted and null/undefined members dropped: equal arguments, equal text. */
function canonical(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v != null)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

export function listScope(kind: string, listArgs: Record<string, unknown> = {}): ListScope {
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([kind, canonical(listArgs)]))
    .digest('base64url')
    .slice(0, 16);
  return { kind, fingerprint };
}

const PART_CHECKS = {
  uuid: (v: unknown) => typeof v === 'string' && isUuid(v),
  integer: (v: unknown) => Number.isSafeInteger(v),
  score: (v: unknown) => typeof v === 'string' && /^\d{1,3}(\.\d{1,2})?$/.test(v),
  word: (v: unknown) => typeof v === 'string' && /^[A-Z_]{1,40}$/.test(v),
  instant: (v: unknown) => typeof v === 'string' && v.length > 10 && isIsoDate(v),
} as const;
export type CursorPart = keyof typeof PART_CHECKS;

/** Cursors are opaque to clients: base64url of the list's scope and a row's key. */
export function encodeCursor(scope: ListScope, key: unknown[]): string {
  return Buffer.from(JSON.stringify([scope.kind, scope.fingerprint, ...key])).toString('base64url');
}

/**
 * The key inside a cursor of this list, each part checked against `parts`: a forged cursor, or
 * one of another list or of other arguments, is BAD_USER_INPUT, never a value sent to the database.
 */
export function decodeCursor(scope: ListScope, cursor: string, parts: readonly CursorPart[], field: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed[0] === scope.kind &&
      parsed[1] === scope.fingerprint &&
      parsed.length === parts.length + 2 &&
      parts.every((p, i) => PART_CHECKS[p](parsed[i + 2]))
    )
      return parsed.slice(2);
  } catch {
    // fall through to the error below
  }
  throw BadUserInputError.forField(
    field,
    'is not a cursor of this list: a cursor is valid only for the field and arguments that returned it',
  );
}

/**
 * A checked page request (Relay's algorithm, with the contract's reading of `last`): the window
 * is the rows after `after` and before `before` (either may be absent); forward (no `last`) the
 * page is the first `first` rows of the window, backward (`last`) the last `last` of it, fetched
 * in reverse order and given back in the list's order. `last` wins over `first`, which always
 * has a default (so a client cannot be told apart from one that left it out).
 */
export interface PageRequest {
  scope: ListScope;
  size: number;
  backward: boolean;
  /** Where reading starts: the key of `after` (forward) or `before` (backward). */
  cursor: unknown[] | null;
  /** Where the window ends on the other side: the key of `before` (forward) or `after` (backward). */
  bound: unknown[] | null;
}

export function pageRequest(scope: ListScope, args: PageArgs, parts: readonly CursorPart[], defaultSize = 50): PageRequest {
  const backward = args.last != null;
  const size = backward ? checkPageSize(args.last!, 'last') : checkPageSize(args.first ?? defaultSize, 'first');
  const after = args.after != null ? decodeCursor(scope, args.after, parts, 'after') : null;
  const before = args.before != null ? decodeCursor(scope, args.before, parts, 'before') : null;
  return { scope, size, backward, cursor: backward ? before : after, bound: backward ? after : before };
}

/**
 * Builds a page from up to `size + 1` rows fetched in the request's direction (reverse order
 * when backward) within the window. Beyond the rows read, a side is known to go on when its
 * cursor was given (the cursor's row lies there), as Relay allows.
 */
export function toPage<R, T>(rows: R[], request: PageRequest, keyOf: (row: R) => unknown[], nodeOf: (row: R) => T): Page<T> {
  const more = rows.length > request.size;
  const kept = rows.slice(0, request.size);
  if (request.backward) kept.reverse();
  // Cursors are encoded when read: most pages are read without them (a JSON text and a base64
  // per edge were a tenth of a fits page's CPU).
  const edges = kept.map((row) => {
    let cursor: string | undefined;
    return {
      node: nodeOf(row),
      get cursor(): string {
        return (cursor ??= encodeCursor(request.scope, keyOf(row)));
      },
    };
  });
  const fromCursor = request.cursor !== null;
  const toBound = more || request.bound !== null;
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: request.backward ? fromCursor : toBound,
      hasPreviousPage: request.backward ? toBound : fromCursor,
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges.at(-1)?.cursor ?? null;
      },
    },
    totalCount: 0,
  };
}

/** Pages a list held in memory (short lists: a segment's versions, an account's history) like a keyset list. */
export function pageOfList<T>(
  items: T[],
  request: PageRequest,
  keyOf: (item: T) => unknown[],
  nodeOf: (item: T) => unknown = (i) => i,
): Page<T> {
  const keys = items.map((i) => JSON.stringify(keyOf(i)));
  const indexOf = (key: unknown[]) => keys.indexOf(JSON.stringify(key));
  const after = request.backward ? request.bound : request.cursor;
  const before = request.backward ? request.cursor : request.bound;
  const start = after ? indexOf(after) + 1 : 0;
  const end = before ? indexOf(before) : items.length;
  // A cursor of a row that is gone: nothing on that side of it can be placed, so the page is empty.
  if ((after && start === 0) || end < 0) return { ...toPage([], request, keyOf, (i) => i), totalCount: items.length };
  const window = items.slice(start, Math.max(start, end));
  const rows = request.backward ? window.slice(-(request.size + 1)).reverse() : window.slice(0, request.size + 1);
  return { ...toPage(rows, request, keyOf, nodeOf as (i: T) => T), totalCount: items.length };
}

/** Makes `page.totalCount` a count that runs only if a client selects the field. */
export function withDeferredCount<P extends Page<unknown>>(page: P, count: () => Promise<number>): P {
  return Object.defineProperty(page, 'totalCount', { get: count, enumerable: true });
}
