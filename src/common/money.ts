import { ValueTransformer } from 'typeorm';
import { bigintAsNumber } from 'src/database/sql';

/** Money is integer fen in a `bigint` column, travelling as a number. */
export const fen: ValueTransformer = bigintAsNumber;

/** The largest amount anyone may enter: 1,000 亿元, in fen. */
export const MAX_FEN = 100_000_000_000 * 100;

export const FEN_PER_YUAN = 100;
/** 1 万元 in fen: the unit people read and type amounts of results and deals in. */
export const FEN_PER_WAN = 10_000 * FEN_PER_YUAN;

/** The unit an amount is typed in, and the decimals it may have (no part of a fen). */
export const MONEY_UNITS = {
  yuan: { fen: FEN_PER_YUAN, decimals: 2 },
  wan: { fen: FEN_PER_WAN, decimals: 6 },
} as const;
export type MoneyUnit = keyof typeof MONEY_UNITS;
