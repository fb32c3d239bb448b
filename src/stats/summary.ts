import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chineseCount, chineseYuan } from 'src/common/chinese-numbers';
import { TEMPLATES_DIR } from 'src/common/paths';

/** The totals a bureau's report sentence speaks of. */
export interface ReportTotals {
  events: number;
  results: number;
  needs: number;
  roadshowResults: number;
  /** Online views, the platform's own and those entered from outside channels. */
  views: number;
  deals: number;
  valueFen: number;
}

let template: Handlebars.TemplateDelegate | undefined;

/**
 * The summary in the style of a bureau's report (templates/reports/summary/zh-CN.hbs): counts and
 * amounts the Chinese way; a rounded amount says 近 (nearly) when rounding went up, 超 when down.
 */
export function summarySentence(totals: ReportTotals): string {
  template ??= Handlebars.compile(
    readFileSync(join(TEMPLATES_DIR, 'reports', 'summary', 'zh-CN.hbs'), 'utf8'),
    { noEscape: true, strict: true },
  );
  return template({
    events: chineseCount(totals.events),
    results: chineseCount(totals.results),
    needs: chineseCount(totals.needs),
    roadshowResults: chineseCount(totals.roadshowResults),
    views: chineseCount(totals.views),
    deals: chineseCount(totals.deals),
    value: approximately(totals.valueFen),
  }).trim();
}

function approximately(fen: number): string {
  const text = chineseYuan(fen);
  const shown =
    parseFloat(text) * (text.endsWith('亿元') ? 1e10 : text.endsWith('万元') ? 1e6 : 100);
  if (Math.abs(shown - fen) < 1) return text;
  return `${shown > fen ? '近' : '超'}${text}`;
}
