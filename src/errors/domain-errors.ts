/**
 * Typed domain errors. Services throw these; `format-error.ts` maps them to GraphQL
 * errors in one place. Anything else reaching the client is masked.
 */
export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | LimitCode;

/** A request over one of the server's limits, each with its own code and figures. */
export type LimitCode = 'QUERY_TOO_LARGE' | 'QUERY_TOO_DEEP' | 'TOO_MANY_ALIASES' | 'TOO_MANY_DIRECTIVES' | 'QUERY_TOO_COMPLEX';

/** One problem found in an input, addressed by its path (e.g. `definition.dimensions[0].weight`). */
export interface InputIssue {
  path: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  /** Extra, client-safe details copied into `extensions`. */
  readonly details: Record<string, unknown>;

  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

/** At most this many issues reach a client (`extensions.issues`); `issueCount` says how many there were. */
export const MAX_REPORTED_ISSUES = 100;
/** The message spells out the first few issues only; the others are in `extensions.issues`, once. */
const ISSUES_IN_MESSAGE = 5;

/**
 * A message for a list of issues, bounded whatever the input: a batch with millions of bad
 * values must not answer a copy of every issue twice (in the message and in the list).
 */
export function issuesMessage(issues: readonly InputIssue[], prefix = 'Invalid input'): string {
  const shown = issues
    .slice(0, ISSUES_IN_MESSAGE)
    .map((i) => `${i.path}: ${i.message}`)
    .join('; ');
  const rest = issues.length - ISSUES_IN_MESSAGE;
  return rest > 0 ? `${prefix}: ${shown}; and ${rest} more (see extensions.issues)` : `${prefix}: ${shown}`;
}

/** The client's share of a list of issues: the first 100, with the count of them all. */
export function reportedIssues(issues: readonly InputIssue[]): { issues: InputIssue[]; issueCount: number; field: string | undefined } {
  return { issues: issues.slice(0, MAX_REPORTED_ISSUES), issueCount: issues.length, field: issues[0]?.path };
}

export class BadUserInputError extends DomainError {
  readonly code = 'BAD_USER_INPUT' as const;

  /**
   * The message names the first issues; `details.issues` keeps them all for callers in the
   * process (the imports reject rows by them), and format-error sends a client the first 100.
   */
  static fromIssues(issues: InputIssue[], prefix = 'Invalid input'): BadUserInputError {
    return new BadUserInputError(issuesMessage(issues, prefix), { issues, field: issues[0]?.path });
  }

  static forField(path: string, message: string): BadUserInputError {
    return BadUserInputError.fromIssues([{ path, message }]);
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND' as const;

  static of(entity: string, key: string): NotFoundError {
    return new NotFoundError(`${entity} ${key} not found`, { entity, key });
  }
}

export class ConflictError extends DomainError {
  readonly code = 'CONFLICT' as const;
}

/** The caller's role may not use a field the operation names; `issues` lists each with its path. */
export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN' as const;
}

/**
 * An operation over a request limit (tokens, depth, aliases, directives, estimated cost):
 * refused before anything runs, with the figure found and the limit (e.g. `cost`, `maxCost`).
 */
export class QueryLimitError extends DomainError {
  constructor(
    readonly code: LimitCode,
    message: string,
    figures: Record<string, number>,
  ) {
    super(message, figures);
  }
}

/** Throws the collected issues, if any, as one BAD_USER_INPUT. */
export function assertNoIssues(issues: InputIssue[], prefix?: string): void {
  if (issues.length > 0) throw BadUserInputError.fromIssues(issues, prefix);
}
