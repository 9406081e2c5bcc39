import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { requestScope } from '../../use-cases/context';
import { PgCode, pgCode } from '../../db/database-errors';
import type { Logger } from '../../logger';
import { DomainError, issuesMessage, QueryLimitError, reportedIssues, type ErrorCode, type InputIssue } from '../../errors/domain-errors';

/** Codes that graphql-js, Apollo or our plugins set on errors safe to show as they are. */
const PASS_THROUGH = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'TOO_MANY_REQUESTS',
]);

/** Database refusals that a client can cause and should see as such. */
const DATABASE_CODES: Record<string, ErrorCode> = {
  [PgCode.uniqueViolation]: 'CONFLICT',
  [PgCode.restrictViolation]: 'CONFLICT',
  [PgCode.lockNotAvailable]: 'CONFLICT',
  [PgCode.serializationFailure]: 'CONFLICT',
  [PgCode.deadlockDetected]: 'CONFLICT',
  // Inputs are checked before they reach SQL; these are the safety net for a value that slipped through.
  [PgCode.invalidTextRepresentation]: 'BAD_USER_INPUT',
  [PgCode.numericValueOutOfRange]: 'BAD_USER_INPUT',
  [PgCode.invalidDatetimeFormat]: 'BAD_USER_INPUT',
  [PgCode.datetimeFieldOverflow]: 'BAD_USER_INPUT',
  [PgCode.characterNotInRepertoire]: 'BAD_USER_INPUT',
  [PgCode.untranslatableCharacter]: 'BAD_USER_INPUT',
};

const DATABASE_INPUT_MESSAGES: Record<string, string> = {
  [PgCode.characterNotInRepertoire]: 'A text holds a character that cannot be stored (a NUL byte or an unpaired surrogate)',
  [PgCode.untranslatableCharacter]: 'A text holds a character that cannot be stored (a NUL byte or an unpaired surrogate)',
  [PgCode.invalidDatetimeFormat]: 'A date is malformed or does not exist',
  [PgCode.datetimeFieldOverflow]: 'A date is malformed or does not exist',
};

/** A RAISE in one of our PL/pgSQL triggers (PostgreSQL's own RESTRICT text names tables and keys). */
function raisedByOurTrigger(err: unknown): boolean {
  const e = err as { where?: unknown; driverError?: { where?: unknown } } | null;
  const where = e?.driverError?.where ?? e?.where;
  return err instanceof Error && typeof where === 'string' && where.includes('at RAISE');
}

function validationIssues(err: ArgumentValidationError): InputIssue[] {
  const issues: InputIssue[] = [];
  const walk = (errors: ArgumentValidationError['extensions']['validationErrors'], prefix: string) => {
    for (const e of errors ?? []) {
      const path = prefix ? `${prefix}.${e.property}` : e.property;
      for (const message of Object.values(e.constraints ?? {})) issues.push({ path, message });
      walk(e.children as typeof errors, path);
    }
  };
  walk(err.extensions.validationErrors, '');
  return issues;
}

/**
 * Extensions in the one shape every code shares: `code` first, then `field` (the first path at
 * fault), `issues` (every path with its message, the first 100) and `issueCount` whenever the
 * error is about a field, then the figures of the code (`cost`, `maxCost`, `requestId`...).
 */
function shaped(code: string, message: string, details: Record<string, unknown> = {}): Record<string, unknown> {
  const { field, issues, issueCount: _count, ...figures } = details as { field?: string; issues?: InputIssue[]; issueCount?: number };
  const allIssues = issues ?? (field ? [{ path: field, message }] : undefined);
  if (!allIssues?.length) return { code, ...figures };
  const reported = reportedIssues(allIssues);
  return { code, field: field ?? reported.field, issues: reported.issues, issueCount: reported.issueCount, ...figures };
}

/** The typed error behind an error: thrown by a resolver, or carried by a validation rule or a plugin. */
function domainErrorOf(error: unknown): DomainError | null {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) return original;
  if (original instanceof GraphQLError && original.originalError instanceof DomainError) return original.originalError;
  return null;
}

const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more th(?:an|at) (\d+) tokens/; // graphql 16 spells it "more that"

/**
 * graphql-js's own token-limit syntax error (no code of its own; the message is graphql-js's,
 * pinned by our version and a test) as the limit error it is, else null.
 */
function tokenLimitError(parseErrorMessage: string): QueryLimitError | null {
  const match = TOKEN_LIMIT_MESSAGE.exec(parseErrorMessage);
  if (!match) return null;
  const maxTokens = Number(match[1]);
  return new QueryLimitError('QUERY_TOO_LARGE', `The query has more than ${maxTokens} tokens; send a smaller one`, { maxTokens });
}

/** A variable that failed coercion: Apollo names it only in the message. */
const VARIABLE = /^Variable "\$([A-Za-z_][A-Za-z0-9_]*)"/;

/**
 * The one place where errors become responses: domain errors keep their code and message,
 * GraphQL's own input errors pass, everything else is logged with the request id and
 * masked as "Internal server error". `log` serves when no request scope carries one.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, log: Logger): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { locations: formatted.locations, path: formatted.path };
  const domain = domainErrorOf(error);
  if (domain) {
    return { ...base, message: domain.message, extensions: shaped(domain.code, domain.message, domain.details) };
  }
  const code = formatted.extensions?.code;
  if (code === 'GRAPHQL_PARSE_FAILED') {
    const limit = tokenLimitError(formatted.message);
    if (limit) return { ...base, message: limit.message, extensions: shaped(limit.code, limit.message, limit.details) };
  }
  if (original instanceof ArgumentValidationError && Array.isArray(original.extensions.validationErrors)) {
    const issues = validationIssues(original);
    const message = issuesMessage(issues);
    return { ...base, message, extensions: shaped('BAD_USER_INPUT', message, { issues }) };
  }
  const dbCode = pgCode(original);
  if (dbCode === PgCode.queryCanceled) {
    // statement_timeout of an interactive request, or our own cancellation during a shutdown.
    const timedOut = /statement timeout/i.test((original as Error).message);
    return timedOut
      ? {
          ...base,
          message: 'The request ran longer than the server allows (FITGRAPH_STATEMENT_TIMEOUT_MS); narrow it or try again later',
          extensions: { code: 'TIMEOUT' },
        }
      : {
          ...base,
          message: 'The request was cancelled because the server is shutting down; retry it',
          extensions: { code: 'SERVICE_UNAVAILABLE' },
        };
  }
  if (dbCode && DATABASE_CODES[dbCode]) {
    // The database's own text never reaches a client (it can quote values, names and internals).
    const message =
      DATABASE_CODES[dbCode] === 'BAD_USER_INPUT'
        ? (DATABASE_INPUT_MESSAGES[dbCode] ?? 'A value is malformed or out of range')
        : dbCode === PgCode.restrictViolation && raisedByOurTrigger(original)
          ? (original as Error).message // our immutability triggers' text, worded for clients
          : dbCode === PgCode.lockNotAvailable
            ? 'A concurrent change (for example a publish rescoring the segment) held what this request needs for longer than FITGRAPH_LOCK_TIMEOUT_MS; try again shortly'
            : 'The change conflicts with a concurrent or existing one; reload and try again';
    return { ...base, message, extensions: shaped(DATABASE_CODES[dbCode], message) };
  }
  if (typeof code === 'string' && PASS_THROUGH.has(code) && (original instanceof GraphQLError || original === error)) {
    const { stacktrace: _ignored, code: _code, ...rest } = formatted.extensions ?? {};
    const variable = code === 'BAD_USER_INPUT' ? VARIABLE.exec(formatted.message)?.[1] : undefined;
    return { ...formatted, extensions: shaped(code, formatted.message, variable ? { field: variable, ...rest } : rest) };
  }
  const scope = requestScope.getStore();
  (scope?.log ?? log).error({ err: original, requestId: scope?.requestId, path: formatted.path }, 'internal error');
  return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: scope?.requestId } };
}
