/**
 * Typed domain errors. Services throw these; `format-error.ts` maps them to GraphQL
 * errors in one place. Anything else reaching the client is masked.
 */
export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';

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

export class BadUserInputError extends DomainError {
  readonly code = 'BAD_USER_INPUT' as const;

  /** The message names every issue; `extensions.issues` lists them for programs. */
  static fromIssues(issues: InputIssue[], prefix = 'Invalid input'): BadUserInputError {
    const text = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    return new BadUserInputError(`${prefix}: ${text}`, { issues, field: issues[0]?.path });
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

/** Throws the collected issues, if any, as one BAD_USER_INPUT. */
export function assertNoIssues(issues: InputIssue[], prefix?: string): void {
  if (issues.length > 0) throw BadUserInputError.fromIssues(issues, prefix);
}
