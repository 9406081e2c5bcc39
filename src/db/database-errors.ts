/** PostgreSQL error codes we act on (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
export const PgCode = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
  /** Raised by our immutability triggers. */
  restrictViolation: '23001',
  lockNotAvailable: '55P03',
  /** statement_timeout, or pg_cancel_backend (a draining shutdown). */
  queryCanceled: '57014',
  serializationFailure: '40001',
  deadlockDetected: '40P01',
  invalidTextRepresentation: '22P02',
  numericValueOutOfRange: '22003',
  invalidDatetimeFormat: '22007',
  datetimeFieldOverflow: '22008',
  /** A NUL or other character the encoding cannot hold. */
  characterNotInRepertoire: '22021',
  /** A \u0000 escape inside jsonb text. */
  untranslatableCharacter: '22P05',
} as const;

/** The SQLSTATE of a pg / TypeORM error, if it is one. */
export function pgCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

export function pgConstraint(err: unknown): string | undefined {
  const e = err as { constraint?: unknown; driverError?: { constraint?: unknown } } | null;
  const c = e?.driverError?.constraint ?? e?.constraint;
  return typeof c === 'string' ? c : undefined;
}
