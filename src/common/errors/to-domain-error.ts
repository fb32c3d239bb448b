import { HttpException } from '@nestjs/common';
import { EntityNotFoundError, QueryFailedError } from 'typeorm';
import { CommonError } from 'src/common/errors/common.errors';
import { DomainError } from 'src/common/errors/domain-error';

/** PostgreSQL error codes (SQLSTATE) a client's input can provoke, and what they mean to the client. */
function fromPostgres(sqlState: string, constraint: string | undefined): DomainError | undefined {
  const details = constraint ? { constraint } : {};
  if (sqlState === '23505') return CommonError.DUPLICATE(details);
  if (sqlState === '23503') return CommonError.REFERENCE_CONFLICT(details);
  if (sqlState === '23P01') return CommonError.OVERLAP(details);
  if (sqlState === '40001' || sqlState === '40P01') return CommonError.BUSY_RETRY();
  // statement_timeout (57014): the database was too slow for this request; it may pass later.
  if (sqlState === '57014') return CommonError.BUSY_RETRY({ reason: 'statement timeout' });
  // Class 22 (data exception), not-null and check violations: a value the validation let through.
  if (sqlState.startsWith('22') || sqlState === '23502' || sqlState === '23514') {
    return CommonError.INVALID_VALUE(details);
  }
  return undefined;
}

function fromStatus(status: number): DomainError | undefined {
  switch (status) {
    case 400:
      return CommonError.MALFORMED_REQUEST();
    case 401:
      return CommonError.AUTH_REQUIRED();
    case 403:
      return CommonError.FORBIDDEN();
    case 404:
      return CommonError.NOT_FOUND();
    case 405:
      return CommonError.METHOD_NOT_ALLOWED();
    case 413:
      return CommonError.PAYLOAD_TOO_LARGE();
    case 415:
      return CommonError.UNSUPPORTED_MEDIA_TYPE();
    case 429:
      return CommonError.TOO_MANY_REQUESTS();
    default:
      return status >= 400 && status < 500 ? CommonError.MALFORMED_REQUEST() : undefined;
  }
}

function hasStatusCode(error: unknown): error is { statusCode: number } {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { statusCode?: unknown }).statusCode === 'number'
  );
}

/** ioredis gave up on a command because Redis could not be reached (not a reply from Redis). */
function isRedisUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    error.name === 'MaxRetriesPerRequestError' ||
    error.message === 'Connection is closed.' ||
    error.message.startsWith("Stream isn't writeable")
  );
}

/**
 * Every error, whoever threw it (our services, Nest, Fastify's body parsing, PostgreSQL), as the
 * coded error the client sees. `undefined` means a fault of ours: the caller answers 500 and logs it.
 */
export function toDomainError(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error;
  if (error instanceof HttpException) return fromStatus(error.getStatus());
  if (error instanceof EntityNotFoundError) return CommonError.NOT_FOUND();
  if (error instanceof QueryFailedError) {
    const driverError = error.driverError as { code?: string; constraint?: string };
    return driverError.code ? fromPostgres(driverError.code, driverError.constraint) : undefined;
  }
  if (hasStatusCode(error)) return fromStatus(error.statusCode);
  if (isRedisUnreachable(error)) return CommonError.REDIS_UNAVAILABLE();
  return undefined;
}
