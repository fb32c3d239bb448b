import { QueryFailedError } from 'typeorm';

/** True when `error` is PostgreSQL refusing a duplicate under the named unique constraint or index. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  return violates(error, '23505', constraint);
}

/** True when `error` is PostgreSQL refusing an overlap under the named exclusion constraint. */
export function isExclusionViolation(error: unknown, constraint: string): boolean {
  return violates(error, '23P01', constraint);
}

function violates(error: unknown, sqlState: string, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === sqlState && driverError.constraint === constraint;
}
