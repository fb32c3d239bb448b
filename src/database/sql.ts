import { ValueTransformer } from 'typeorm';

/** `'a', 'b'`: a list of literals for a CHECK constraint built from a TypeScript constant. */
export function sqlList(values: readonly string[]): string {
  return values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
}

/** Makes `%`, `_` and `\` in user input match themselves in a LIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * A `bigint` column read as a number: the driver reads bigint as a string, and the platform's
 * amounts and totals stay far below 2^53.
 */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
