import pino from 'pino';
import { config } from './config';

/** JSON logs on stdout; every request-scoped line carries `requestId`. */
export const logger = pino({
  level: config.logLevel,
  base: { service: 'fitgraph' },
  timestamp: pino.stdTimeFunctions.isoTime,
});
export type Logger = typeof logger;
