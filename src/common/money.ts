import { ValueTransformer } from 'typeorm';

/**
 * Money is integer fen in a `bigint` column. The driver reads bigint as a string; amounts of this
 * platform stay far below 2^53 fen, so they travel as numbers.
 */
export const fen: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** The largest amount anyone may enter: 1,000 亿元, in fen. */
export const MAX_FEN = 100_000_000_000 * 100;
