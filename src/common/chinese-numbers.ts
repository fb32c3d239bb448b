// Types only: the pages' scripts bundle this file for the browser (money-read-back.ts).
import type { Locale } from 'src/config/config';

/** 1 万元 in fen (as src/common/money.ts, which the browser's bundle cannot take). */
const FEN_PER_WAN = 1_000_000;

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

/**
 * The one way a page, a chart, an export's caption or a read-back shows an amount (given in fen):
 * in Chinese 万元 below 1亿元 (to the 元: 55万元, 123.5万元) and 亿元 above (to the 万元: 2.155亿元);
 * in English yuan with separators below a million (¥550,000) and millions above (¥215.5 million).
 * Never a trailing ".00". The report sentence rounds further, the bureau's way (chineseYuan).
 */
export function moneyText(fen: number, locale: Locale): string {
  const yuan = fen / 100;
  if (locale === 'zh-CN') {
    if (Math.abs(yuan) < 100_000_000) return `${trim(yuan / 10_000, 4)}万元`;
    return `${trim(yuan / 100_000_000, 4)}亿元`;
  }
  if (Math.abs(yuan) < 1_000_000)
    return `¥${yuan.toLocaleString('en', { maximumFractionDigits: 2 })}`;
  return `¥${(yuan / 1_000_000).toLocaleString('en', { maximumFractionDigits: 4 })} million`;
}

/**
 * An amount typed in 万元 (separators allowed) read back in words: "= 55万元", "= ¥550,000";
 * nothing while the box is empty or holds no number (the form's check names that). The server
 * writes it beside the box, the page's script as it is typed.
 */
export function wanReadBack(typed: unknown, locale: Locale): string {
  if (typeof typed !== 'string') return '';
  const text = typed.trim().replace(/[,，\s]/g, '');
  if (!/^\d+(\.\d+)?$/.test(text)) return '';
  return `= ${moneyText(Math.round(Number(text) * FEN_PER_WAN), locale)}`;
}

/** Rounded to `decimals`, without trailing zeros: 119.450 → 119.45, 3.00 → 3. */
function trim(value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals)));
}
