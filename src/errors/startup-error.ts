/**
 * A start-up that cannot go on, with what to do about it in the message: printed as one line
 * (`fitgraph could not start: …`) before the process exits non-zero.
 */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}
