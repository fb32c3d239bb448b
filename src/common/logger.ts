import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import { AppConfig } from 'src/config/config';

/**
 * One JSON line per event, on stdout; the API's request logs carry the request id. Lines are
 * written asynchronously (a synchronous write per line cost a fifth of the API's CPU under load);
 * `flush()` them before exiting.
 */
export function createLogger(
  config: Pick<AppConfig, 'logLevel'>,
  process: 'api' | 'worker' | 'script',
): Logger {
  return pino(
    { level: config.logLevel, base: { process }, timestamp: pino.stdTimeFunctions.isoTime },
    // Asynchronous: lines written while a write is under way go out together with the next one.
    pino.destination({ dest: 1, sync: false }),
  );
}

/** Nest's own messages (start-up, module errors) through the same pino logger. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }

  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }

  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }

  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }

  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
