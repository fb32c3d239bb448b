import { ValueTransformer } from 'typeorm';
import { bigintAsNumber } from 'src/database/sql';

/** Money is integer fen in a `bigint` column, travelling as a number. */
export const fen: ValueTransformer = bigintAsNumber;

/** The largest amount anyone may enter: 1,000 亿元, in fen. */
export const MAX_FEN = 100_000_000_000 * 100;
