import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { requestScope } from '../context';
import { PgCode, pgCode } from '../db/database-errors';
import { logger } from '../logger';
import { DomainError, issuesMessage, reportedIssues, type ErrorCode, type InputIssue } from './domain-errors';

/** Codes that graphql-js, Apollo or our plugins set on errors safe to show as they are. */
const PASS_THROUGH = new Set([
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN',
  'NOT_FOUND', 'CONFLICT', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE', 'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED', 'TOO_MANY_REQUESTS',
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
 * The one place where errors become responses: domain errors keep their code and message,
 * GraphQL's own input errors pass, everything else is logged with the request id and
 * masked as "Internal server error".
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { locations: formatted.locations, path: formatted.path };
  if (original instanceof DomainError) {
    const { issues, ...details } = original.details;
    const reported = Array.isArray(issues) ? reportedIssues(issues as InputIssue[]) : {};
    return { ...base, message: original.message, extensions: { code: original.code, ...details, ...reported } };
  }
  if (original instanceof ArgumentValidationError && Array.isArray(original.extensions.validationErrors)) {
    const issues = validationIssues(original);
    return { ...base, message: issuesMessage(issues), extensions: { code: 'BAD_USER_INPUT', ...reportedIssues(issues) } };
  }
  const dbCode = pgCode(original);
  if (dbCode === PgCode.queryCanceled) {
    // statement_timeout of an interactive request, or our own cancellation during a shutdown.
    const timedOut = /statement timeout/i.test((original as Error).message);
    return timedOut
      ? { ...base, message: 'The request ran longer than the server allows (FITGRAPH_STATEMENT_TIMEOUT_MS); narrow it or try again later', extensions: { code: 'TIMEOUT' } }
      : { ...base, message: 'The request was cancelled because the server is shutting down; retry it', extensions: { code: 'SERVICE_UNAVAILABLE' } };
  }
  if (dbCode && DATABASE_CODES[dbCode]) {
    // The database's own text never reaches a client (it can quote values, names and internals).
    const message = DATABASE_CODES[dbCode] === 'BAD_USER_INPUT'
      ? DATABASE_INPUT_MESSAGES[dbCode] ?? 'A value is malformed or out of range'
      : dbCode === PgCode.restrictViolation && original instanceof Error
        ? original.message // raised by our own immutability triggers, worded for clients
        : dbCode === PgCode.lockNotAvailable
          ? 'A concurrent change (for example a publish rescoring the segment) held what this request needs for longer than FITGRAPH_LOCK_TIMEOUT_MS; try again shortly'
          : 'The change conflicts with a concurrent or existing one; reload and try again';
    return { ...base, message, extensions: { code: DATABASE_CODES[dbCode] } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PASS_THROUGH.has(code) && (original instanceof GraphQLError || original === error)) {
    const { stacktrace: _ignored, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  const scope = requestScope.getStore();
  (scope?.log ?? logger).error({ err: original, requestId: scope?.requestId, path: formatted.path }, 'internal error');
  return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: scope?.requestId } };
}
