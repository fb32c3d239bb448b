import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chineseCount, chineseYuan } from 'src/common/chinese-numbers';
import { TEMPLATES_DIR } from 'src/common/paths';
import { EVENT_KINDS, EventKind } from 'src/events/event-kinds';
import { EventFigures } from 'src/stats/figures';

/** Event kinds as the bureau's reports name them. */
export const KIND_NAMES: Record<EventKind, string> = {
  roadshow: '成果路演',
  salon: '对接沙龙',
  cloud_docking: '云对接',
  precise_docking: '精准对接',
  campus_visit: '企业家进校园',
  park_visit: '科学家进园区',
  challenge: '揭榜挂帅',
};

/** One kind of event's share of the report. */
export interface KindTotals {
  kind: EventKind;
  events: number;
  results: number;
  /** Attendances (人次): confirmed places. */
  people: number;
  deals: number;
  valueFen: number;
}

/**
 * The totals a bureau's report sentence speaks of. A figure left `null` is not known and its
 * clause is left out; the first ones are always said.
 */
export interface ReportTotals {
  events: number;
  /** Results released and needs collected by the programmes (their catalog releases), once each. */
  results: number;
  needs: number;
  /** Needs brought to docking sessions, once per session (项次). */
  dockedNeeds?: number | null;
  roadshowResults: number;
  /** Online views, the platform's own and those entered from outside channels. */
  views: number;
  deals: number;
  valueFen: number;
  kinds?: KindTotals[];
  institutions?: number | null;
  expertAttendances?: number | null;
  enterprises?: number | null;
  intents?: number | null;
  landed?: number | null;
  /** Agreed investment (协议投资额) and, within it, the technology-transaction value (技术交易额). */
  investment?: { agreedFen: number; technologyFen: number } | null;
  registered?: { count: number; valueFen: number } | null;
  receivedFen?: number | null;
  outputValueFen?: number | null;
}

/** What a roll-up's sentence says: a figure of zero is said only where it always is. */
export function reportTotals(
  events: number,
  f: EventFigures,
  kinds: { key: string; events: number; figures: EventFigures | null }[],
): ReportTotals {
  const known = (n: number) => (n > 0 ? n : null);
  return {
    events,
    results: f.released.results,
    needs: f.released.needs,
    dockedNeeds: known(f.needs),
    roadshowResults: f.results,
    views: f.liveViews.total + f.liveViews.external,
    deals: f.dealsSince.count,
    valueFen: f.dealsSince.valueFen,
    kinds: kinds.map(({ key, events: n, figures }) => ({
      kind: key as EventKind,
      events: n,
      results: figures?.released.results ?? 0,
      people: figures?.confirmed.total ?? 0,
      deals: figures?.dealsSince.count ?? 0,
      valueFen: figures?.dealsSince.valueFen ?? 0,
    })),
    institutions: known(f.participants.institutions),
    expertAttendances: known((f.confirmed.academia ?? 0) + (f.confirmed.research ?? 0)),
    enterprises: known(f.participants.enterprises),
    intents: known(f.intents),
    landed: known(f.dealStages.landed.count),
    investment: f.investment.declared > 0 ? f.investment : null,
    registered: f.registeredContracts.count > 0 ? f.registeredContracts : null,
    receivedFen: known(f.checkIns.receivedFen),
    outputValueFen: known(f.checkIns.outputValueFen),
  };
}

let template: Handlebars.TemplateDelegate | undefined;

/**
 * The summary in the style of a bureau's report (templates/reports/summary/zh-CN.hbs): counts and
 * amounts the Chinese way; a rounded amount says 近 (nearly) when rounding went up, 超 when down.
 * Each clause beyond the first ones is there only when its figure is known.
 */
export function summarySentence(totals: ReportTotals): string {
  template ??= Handlebars.compile(
    readFileSync(join(TEMPLATES_DIR, 'reports', 'summary', 'zh-CN.hbs'), 'utf8'),
    { noEscape: true, strict: true },
  );
  const count = (n: number | null | undefined) => (n ? chineseCount(n) : null);
  const amount = (fen: number | null | undefined) => (fen ? approximately(fen) : null);
  const order = (k: EventKind) => EVENT_KINDS.indexOf(k);
  const participants = [
    { n: totals.institutions, label: '高校院所', unit: '家' },
    { n: totals.expertAttendances, label: '专家', unit: '人次' },
    { n: totals.enterprises, label: '企业', unit: '家' },
  ]
    .filter((p) => p.n)
    .map((p) => ({ label: p.label, count: chineseCount(p.n!), unit: p.unit }));
  return template({
    events: chineseCount(totals.events),
    kinds: [...(totals.kinds ?? [])]
      .filter((k) => k.events > 0)
      .sort((a, b) => order(a.kind) - order(b.kind))
      .map((k) => ({
        name: KIND_NAMES[k.kind] ?? k.kind,
        events: chineseCount(k.events),
        results: count(k.results),
        people: count(k.people),
        deals: count(k.deals),
        value: amount(k.valueFen),
      })),
    results: chineseCount(totals.results),
    needs: chineseCount(totals.needs),
    dockedNeeds: count(totals.dockedNeeds),
    roadshowResults: chineseCount(totals.roadshowResults),
    participants,
    views: chineseCount(totals.views),
    intents: count(totals.intents),
    deals: chineseCount(totals.deals),
    value: approximately(totals.valueFen),
    landed: count(totals.landed),
    investment: totals.investment
      ? {
          agreed: approximately(totals.investment.agreedFen),
          technology: approximately(totals.investment.technologyFen),
        }
      : null,
    registered: totals.registered
      ? {
          count: chineseCount(totals.registered.count),
          value: approximately(totals.registered.valueFen),
        }
      : null,
    received: amount(totals.receivedFen),
    output: amount(totals.outputValueFen),
  }).trim();
}

function approximately(fen: number): string {
  const text = chineseYuan(fen);
  const shown =
    parseFloat(text) * (text.endsWith('亿元') ? 1e10 : text.endsWith('万元') ? 1e6 : 100);
  if (Math.abs(shown - fen) < 1) return text;
  return `${shown > fen ? '近' : '超'}${text}`;
}
