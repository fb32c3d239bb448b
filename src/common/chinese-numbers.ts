/**
 * Amounts and counts the way Chinese reports write them: in 万 (10⁴) and 亿 (10⁸) with sensible
 * rounding (119.45万人次, 1.2亿元); exports keep the full figures.
 */

/** A count: below 10,000 as it is; then 万 with up to two decimals, 亿 with up to two. */
export function chineseCount(n: number): string {
  if (Math.abs(n) < 10_000) return String(Math.round(n));
  if (Math.abs(n) < 100_000_000) return `${trim(n / 10_000, 2)}万`;
  return `${trim(n / 100_000_000, 2)}亿`;
}

/**
 * An amount of money given in fen, in 元: below 1万元 in 元; then 万元 (up to two decimals); from
 * 1亿元 in 亿元 with one decimal, as reports round them (1.2亿元).
 */
export function chineseYuan(fen: number): string {
  const yuan = fen / 100;
  if (Math.abs(yuan) < 10_000) return `${trim(yuan, 2)}元`;
  if (Math.abs(yuan) < 100_000_000) return `${trim(yuan / 10_000, 2)}万元`;
  return `${trim(yuan / 100_000_000, 1)}亿元`;
}

/** Rounded to `decimals`, without trailing zeros: 119.450 → 119.45, 3.00 → 3. */
function trim(value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals)));
}
