import { QueryFailedError } from 'typeorm';

/** True when `error` is PostgreSQL refusing a duplicate under the named unique constraint or index. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  return violates(error, '23505', constraint);
}

/** True when `error` is PostgreSQL refusing an overlap under the named exclusion constraint. */
export function isExclusionViolation(error: unknown, constraint: string): boolean {
  return violates(error, '23P01', constraint);
}

/**
 * Runs `work` again when PostgreSQL chose it as the victim of a deadlock. Concurrent inserts that
 * conflict under an exclusion constraint can wait for each other (PostgreSQL's documentation says
 * so); the retry then meets the committed winner and fails as a plain conflict.
 */
export async function retryingDeadlocks<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isDeadlock(error)) throw error;
    }
  }
}

/**
 * True when PostgreSQL refused a statement for one of its rows' values: a constraint (SQLSTATE
 * class 23, a duplicate say) or a value it cannot take (class 22). A statement of many rows that
 * failed so is worth running row by row, where only the faulty row fails.
 */
export function isRowFault(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: string }).code ?? '';
  return code.startsWith('22') || code.startsWith('23');
}

function isDeadlock(error: unknown): boolean {
  return (
    error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '40P01'
  );
}

function violates(error: unknown, sqlState: string, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === sqlState && driverError.constraint === constraint;
}
