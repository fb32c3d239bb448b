import { Cell, ExportColumn, exportRows, localMoment, writeExport } from 'src/common/export-table';
import { FEN_PER_WAN } from 'src/common/money';
import { Locale } from 'src/config/config';
import { CONTRACT_CATEGORIES } from 'src/deals/follow-up';
import { EventKind } from 'src/events/event-kinds';
import { EventFigures } from 'src/stats/figures';
import { KIND_NAMES } from 'src/stats/summary';

/** One event's line of the export. */
export interface ExportedEvent {
  title: string;
  kind: EventKind;
  startsAt: Date;
  /** The event's zone: its start is written as the time there. */
  timeZone: string;
  figures: EventFigures;
}

const CATEGORY_NAMES: Record<(typeof CONTRACT_CATEGORIES)[number], Record<Locale, string>> = {
  development: { 'zh-CN': '技术开发', en: 'development' },
  transfer: { 'zh-CN': '技术转让', en: 'transfer' },
  license: { 'zh-CN': '技术许可', en: 'license' },
  consulting: { 'zh-CN': '技术咨询', en: 'consulting' },
  service: { 'zh-CN': '技术服务', en: 'service' },
};

/** Event kinds in English, beside the bureau's Chinese names (KIND_NAMES). */
const KIND_NAMES_EN: Record<EventKind, string> = {
  roadshow: 'Roadshow',
  salon: 'Salon',
  cloud_docking: 'Cloud docking',
  precise_docking: 'Precise docking',
  campus_visit: 'Entrepreneurs on campus',
  park_visit: 'Scientists in the park',
  challenge: 'Open challenge',
};

/** Amounts in 万元, as they are typed and shown, but in full (a number, not rounded). */
const wan = (fen: number) => fen / FEN_PER_WAN;

type Column = ExportColumn<ExportedEvent>;
const column = (zh: string, en: string, value: Column['value']): Column => ({
  header: { 'zh-CN': zh, en },
  value,
});

/** The columns: a header in each language and how each event fills it (its kind in `locale`). */
const columnsIn = (locale: Locale): Column[] => [
  column('活动', 'Event', (e) => e.title),
  column('类型', 'Kind', (e) => (locale === 'zh-CN' ? KIND_NAMES : KIND_NAMES_EN)[e.kind]),
  column('开始时间', 'Starts', (e) => localMoment(e.startsAt, e.timeZone)),
  column('邀请', 'Invited', (e) => e.figures.invited),
  column('报名', 'Registered', (e) => e.figures.registered.total),
  column('确认', 'Confirmed', (e) => e.figures.confirmed.total),
  column('签到', 'Checked in', (e) => e.figures.checkedIn.total),
  column('路演成果', 'Results presented', (e) => e.figures.results),
  column('对接需求（项次）', 'Needs brought (per session)', (e) => e.figures.needs),
  column('路演', 'Roadshows', (e) => e.figures.roadshows),
  column('洽谈', 'Meetings', (e) => e.figures.dockingMeetings),
  column('意向', 'Intents', (e) => e.figures.intents),
  column('直播观看', 'Live views', (e) => e.figures.liveViews.total),
  column('独立观众', 'Unique viewers', (e) => e.figures.liveViews.unique),
  column('最高同时在线', 'Peak concurrent', (e) => e.figures.liveViews.peakConcurrent),
  column('观看时长（分钟）', 'Watch minutes', (e) =>
    Math.round(e.figures.liveViews.watchSeconds / 60),
  ),
  column('外部观看', 'External views', (e) => e.figures.liveViews.external),
  column('现场签约', 'Deals at the event', (e) => e.figures.dealsAtEvent.count),
  column('现场签约金额（万元）', 'Value at the event (10,000 yuan)', (e) =>
    wan(e.figures.dealsAtEvent.valueFen),
  ),
  column('累计签约', 'Deals since', (e) => e.figures.dealsSince.count),
  column('累计签约金额（万元）', 'Value since (10,000 yuan)', (e) =>
    wan(e.figures.dealsSince.valueFen),
  ),
  column('发布成果', 'Results released', (e) => e.figures.released.results),
  column('征集需求', 'Needs collected', (e) => e.figures.released.needs),
  column('参与高校院所', 'Institutions', (e) => e.figures.participants.institutions),
  column('参与企业', 'Enterprises', (e) => e.figures.participants.enterprises),
  column('参与专家', 'Experts', (e) => e.figures.participants.experts),
  column(
    '专家人次',
    'Expert attendances',
    (e) => (e.figures.confirmed.academia ?? 0) + (e.figures.confirmed.research ?? 0),
  ),
  column('企业人次', 'Enterprise attendances', (e) => e.figures.confirmed.industry ?? 0),
  column('已落地', 'Landed', (e) => e.figures.dealStages.landed.count),
  column('已终止', 'Dropped', (e) => e.figures.dealStages.dropped.count),
  column('到账（万元）', 'Received (10,000 yuan)', (e) => wan(e.figures.checkIns.receivedFen)),
  column('产值（万元）', 'Output value (10,000 yuan)', (e) =>
    wan(e.figures.checkIns.outputValueFen),
  ),
  column('协议投资额（万元）', 'Agreed investment (10,000 yuan)', (e) =>
    wan(e.figures.investment.agreedFen),
  ),
  column('技术交易额（万元）', 'Technology transactions (10,000 yuan)', (e) =>
    wan(e.figures.investment.technologyFen),
  ),
  column('认定登记合同', 'Registered contracts', (e) => e.figures.registeredContracts.count),
  column('登记金额（万元）', 'Registered amount (10,000 yuan)', (e) =>
    wan(e.figures.registeredContracts.valueFen),
  ),
  ...CONTRACT_CATEGORIES.map((c) =>
    column(
      `登记：${CATEGORY_NAMES[c]['zh-CN']}`,
      `Registered: ${CATEGORY_NAMES[c].en}`,
      (e) => e.figures.registeredContracts.byCategory[c]?.count ?? 0,
    ),
  ),
];

/** Every event's figures in full, in one language, a header line first. */
export function exportTable(events: ExportedEvent[], locale: Locale): Cell[][] {
  return exportRows(columnsIn(locale), events, locale);
}

/** The table as CSV or as an Excel workbook with the header frozen and date cells. */
export function writeTable(
  table: Cell[][],
  format: 'csv' | 'xlsx',
  locale: Locale,
): Promise<Buffer> {
  return writeExport(table, format, locale === 'zh-CN' ? '统计' : 'Statistics');
}
