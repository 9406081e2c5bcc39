import pino from 'pino';
import type { Config } from './config';

/** Where log lines go; tests swap the target to read them. */
export const logSink: { target: { write(line: string): unknown } } = { target: process.stdout };

/** JSON logs on stdout; every request-scoped line carries `requestId`. */
export function createLogger(config: Pick<Config, 'logLevel'>) {
  return pino(
    {
      level: config.logLevel,
      base: { service: 'fitgraph' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    { write: (line: string) => logSink.target.write(line) },
  );
}
export type Logger = ReturnType<typeof createLogger>;
