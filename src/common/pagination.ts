import { ClassType, Field, Int, ObjectType } from 'type-graphql';
import { BadUserInputError } from '../errors/domain-errors';
import { isIsoDate } from './dates';

export const MAX_PAGE_SIZE = 500;

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Page<T> {
  edges: Array<{ cursor: string; node: T }>;
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

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int)
    totalCount: number;
  }
  return { Edge, Connection };
}

export function checkPageSize(first: number, field = 'first'): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw BadUserInputError.forField(field, `must be between 1 and ${MAX_PAGE_SIZE} (got ${first})`);
  }
  return first;
}

/** Cursors are opaque to clients: base64url of a tagged JSON key. */
export function encodeCursor(kind: string, key: unknown[]): string {
  return Buffer.from(JSON.stringify([kind, ...key])).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PART_CHECKS = {
  uuid: (v: unknown) => typeof v === 'string' && UUID.test(v),
  integer: (v: unknown) => Number.isSafeInteger(v),
  score: (v: unknown) => typeof v === 'string' && /^\d{1,3}(\.\d{1,2})?$/.test(v),
  instant: (v: unknown) => typeof v === 'string' && v.length > 10 && isIsoDate(v),
} as const;
export type CursorPart = keyof typeof PART_CHECKS;

/**
 * The key inside a cursor of this kind, each part checked against `parts`: a forged or foreign
 * cursor is BAD_USER_INPUT, never a malformed value sent to the database.
 */
export function decodeCursor(kind: string, cursor: string, parts: readonly CursorPart[], field = 'after'): unknown[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed[0] === kind && parsed.length === parts.length + 1
      && parts.every((p, i) => PART_CHECKS[p](parsed[i + 1]))) return parsed.slice(1);
  } catch {
    // fall through to the error below
  }
  throw BadUserInputError.forField(field, 'is not a cursor returned by this query');
}

/** Builds a page from `first + 1` rows fetched in order. */
export function toPage<R, T>(rows: R[], first: number, totalCount: number, cursorOf: (row: R) => string, nodeOf: (row: R) => T): Page<T> {
  const hasNextPage = rows.length > first;
  const edges = rows.slice(0, first).map((row) => ({ cursor: cursorOf(row), node: nodeOf(row) }));
  return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}

/** Makes `page.totalCount` a count that runs only if a client selects the field. */
export function withDeferredCount<P extends Page<unknown>>(page: P, count: () => Promise<number>): P {
  return Object.defineProperty(page, 'totalCount', { get: count, enumerable: true });
}
