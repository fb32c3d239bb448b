import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Bar, barChart, barText, Chart } from 'src/common/charts';
import { moneyText } from 'src/common/chinese-numbers';
import { TEMPLATES_DIR } from 'src/common/paths';
import { dayIn } from 'src/common/time';
import { EventKind } from 'src/events/event-kinds';
import { RollupDto } from 'src/stats/dto/stats.dto';
import { EventFigures } from 'src/stats/figures';
import { KIND_NAMES } from 'src/stats/summary';

/** The media type of a Word document. */
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** What a report document says besides the roll-up: whose, which period, when made. */
export interface ReportHeading {
  organization: string;
  /** The series the report is about, if one. */
  series?: string;
  from?: Date;
  to?: Date;
  generatedAt: Date;
  timeZone: string;
}

/** A report's figure: its zh-CN label and its value exactly as the roll-up has it. */
export type ReportLine = [string, string];

/** Amounts as every page shows them (万元 / 亿元, no ".00"). */
const yuan = (fen: number) => moneyText(fen, 'zh-CN');

/** The period as days in the report's zone: `to` is the first instant out, so its day before is the last in. */
export function periodText({
  from,
  to,
  timeZone,
}: Pick<ReportHeading, 'from' | 'to' | 'timeZone'>): string {
  const first = from ? dayIn(from, timeZone) : '—';
  const last = to ? dayIn(new Date(to.getTime() - 1), timeZone) : '—';
  return from || to ? `${first} 至 ${last}` : '全部';
}

/** The roll-up's totals a report lists, each labelled with what it counts, amounts in 万元 / 亿元. */
export function reportLines(rollup: RollupDto): ReportLine[] {
  const f = rollup.totals;
  return [
    ['举办活动（场）', String(rollup.events)],
    ['发布科技成果（项）', String(rollup.catalog.results)],
    ['征集技术需求（项）', String(rollup.catalog.needs)],
    ['路演发布成果（项）', String(f.results)],
    ['对接技术需求（项次）', String(f.needs)],
    ['报名（人）', String(f.registered.total)],
    ['签到（人）', String(f.checkedIn.total)],
    ['参与高校院所（家）', String(f.participants.institutions)],
    ['参与企业（家）', String(f.participants.enterprises)],
    ['直播观看（人次）', String(f.liveViews.total + f.liveViews.external)],
    ['合作意向（项）', String(f.intents)],
    ['促成签约（项）', String(f.dealsSince.count)],
    ['签约金额', yuan(f.dealsSince.valueFen)],
    ['已落地（项）', String(f.dealStages.landed.count)],
    ['协议投资额', yuan(f.investment.agreedFen)],
    ['技术交易额', yuan(f.investment.technologyFen)],
    ['认定登记合同（项）', String(f.registeredContracts.count)],
    ['到账金额', yuan(f.checkIns.receivedFen)],
    ['新增产值', yuan(f.checkIns.outputValueFen)],
  ];
}

const KIND_HEADER = [
  '活动类型',
  '场次',
  '发布成果（项）',
  '参会（人次）',
  '签约（项）',
  '签约金额',
];

/** One row per kind of event held, as the sentence's parenthesis counts them. */
export function kindRows(rollup: RollupDto): string[][] {
  return rollup.kinds.map((k) => {
    const f: EventFigures | null = k.figures;
    return [
      KIND_NAMES[k.key as EventKind] ?? k.key,
      String(k.events),
      String(f?.released.results ?? 0),
      String(f?.confirmed.total ?? 0),
      String(f?.dealsSince.count ?? 0),
      yuan(f?.dealsSince.valueFen ?? 0),
    ];
  });
}

const GROUP_HEADER = ['分组', '场次', '签约（项）', '签约金额'];

/** The roll-up's groups (by period, series, field…), with their deals. */
export function groupRows(rollup: RollupDto): string[][] {
  return rollup.groups.map((g) => {
    const deals = g.deals ?? g.figures?.dealsSince ?? { count: 0, valueFen: 0 };
    return [g.key, String(g.events), String(deals.count), yuan(deals.valueFen)];
  });
}

function table(header: string[], rows: string[][]): Table {
  const cell = (text: string, bold = false) =>
    new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((v) => cell(v)) })),
    ],
  });
}

/** The chart's columns in twips (a 16 cm text width): label, bar, value. */
const CHART_COLUMNS = [2600, 4800, 1700] as const;
/** The bars' colour, as the printed page's (`svg rect`). */
const BAR_FILL = '2A6F97';

const fixedWidth = (twips: number) => ({ size: twips, type: WidthType.DXA });

/**
 * A bar of `share` (0–1) of the bar column: a borderless one-row table whose first cell is filled
 * to that width. Word keeps cell widths in a fixed layout, so the bar is as long in Word and WPS
 * as on the printed page; a cell ends with a paragraph, so a small empty one follows the table.
 */
function barOf(share: number): (Table | Paragraph)[] {
  const whole = CHART_COLUMNS[1];
  const filled = Math.round(share * whole);
  const tiny = () => new Paragraph({ children: [new TextRun({ text: '', size: 2 })] });
  if (filled === 0) return [tiny()];
  const widths = filled < whole ? [filled, whole - filled] : [whole];
  const bar = new Table({
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    width: fixedWidth(whole),
    columnWidths: widths,
    rows: [
      new TableRow({
        height: { value: 280, rule: 'exact' },
        children: widths.map(
          (w, i) =>
            new TableCell({
              width: fixedWidth(w),
              ...(i === 0 && {
                shading: { type: ShadingType.CLEAR, fill: BAR_FILL, color: 'auto' },
              }),
              children: [tiny()],
            }),
        ),
      }),
    ],
  });
  return [bar, tiny()];
}

/**
 * A chart of the printed page as Word draws it: one row per bar with its label, the bar (shaded
 * cells, lengths in proportion to the largest value as `barChart` lays them out) and its value.
 * Native Word rather than a picture: the labels stay text in the document's Chinese font, it needs
 * no Chromium (the Word report is what a bureau downloads when the PDF printer is away), and Word
 * and WPS print and edit it alike.
 */
function chartTable({ bars }: ReportBars): Table {
  const largest = Math.max(0, ...bars.map((b) => b.value));
  const cell = (width: number, children: (Table | Paragraph)[]) =>
    new TableCell({ width: fixedWidth(width), children });
  const text = (value: string, alignment?: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
    new Paragraph({ alignment, children: [new TextRun({ text: value })] });
  return new Table({
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    width: fixedWidth(CHART_COLUMNS.reduce((a, b) => a + b, 0)),
    columnWidths: [...CHART_COLUMNS],
    rows: bars.map(
      (bar) =>
        new TableRow({
          children: [
            cell(CHART_COLUMNS[0], [text(bar.label, AlignmentType.RIGHT)]),
            cell(CHART_COLUMNS[1], barOf(largest > 0 ? bar.value / largest : 0)),
            cell(CHART_COLUMNS[2], [text(barText(bar))]),
          ],
        }),
    ),
  });
}

/**
 * The bureau's report as a Word document: the organization, the period and the day it was made,
 * the roll-up's sentence word for word, then its figures, the printed page's charts (as Word
 * tables, see `chartTable`), kinds and groups as tables. zh-CN.
 */
export function reportDocumentDocx(rollup: RollupDto, heading: ReportHeading): Promise<Buffer> {
  const line = (text: string) => new Paragraph({ children: [new TextRun(text)] });
  const title = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_2 });
  const children = [
    new Paragraph({
      text: reportTitle(heading),
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
    }),
    line(`统计机构：${heading.organization}`),
    ...(heading.series ? [line(`活动系列：${heading.series}`)] : []),
    line(`统计期间：${periodText(heading)}`),
    line(`生成日期：${dayIn(heading.generatedAt, heading.timeZone)}`),
    title('总体情况'),
    line(rollup.summary),
    title('主要数据'),
    table(['指标', '数值'], reportLines(rollup)),
    title('图表'),
    ...reportBars(rollup).flatMap((chart) => [
      new Paragraph({ children: [new TextRun({ text: chart.title, bold: true })] }),
      chartTable(chart),
    ]),
    ...(rollup.kinds.length > 0 ? [title('按活动类型'), table(KIND_HEADER, kindRows(rollup))] : []),
    ...(rollup.groups.length > 0 ? [title('分组'), table(GROUP_HEADER, groupRows(rollup))] : []),
  ];
  const document = new Document({
    creator: heading.organization,
    title: '科技成果对接活动统计报告',
    styles: { default: { document: { run: { font: 'SimSun', size: 22 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}

const reportTitle = (heading: ReportHeading) => `${heading.organization}科技成果对接活动统计报告`;

let printTemplate: Handlebars.TemplateDelegate | undefined;

/**
 * The same report as a page made for print (templates/reports/statistics/zh-CN.hbs): standalone,
 * its styles inline, so that Chromium prints it from a file without the site.
 */
export function reportHtml(rollup: RollupDto, heading: ReportHeading): string {
  printTemplate ??= Handlebars.compile(
    readFileSync(join(TEMPLATES_DIR, 'reports', 'statistics', 'zh-CN.hbs'), 'utf8'),
    { strict: false },
  );
  return printTemplate({
    title: reportTitle(heading),
    organization: heading.organization,
    series: heading.series,
    period: periodText(heading),
    generatedOn: dayIn(heading.generatedAt, heading.timeZone),
    summary: rollup.summary,
    lines: reportLines(rollup),
    kindHeader: KIND_HEADER,
    kinds: kindRows(rollup),
    groupHeader: GROUP_HEADER,
    groups: groupRows(rollup),
    charts: reportCharts(rollup),
  });
}

/** A chart of the report's totals: its title and its bars. */
interface ReportBars {
  title: string;
  bars: Bar[];
}

/** The page's charts of the totals (src/common/charts.ts), drawn as SVG in the page for print. */
export function reportCharts(rollup: RollupDto): Chart[] {
  return reportBars(rollup).map(({ title, bars }) => barChart(title, bars));
}

/** The figures of the report's charts, for the printed page's SVG and the Word tables alike. */
function reportBars(rollup: RollupDto): ReportBars[] {
  const f = rollup.totals;
  return [
    {
      title: '活动成效',
      bars: [
        { label: '发布科技成果（项）', value: rollup.catalog.results },
        { label: '征集技术需求（项）', value: rollup.catalog.needs },
        { label: '报名（人）', value: f.registered.total },
        { label: '签到（人）', value: f.checkedIn.total },
        { label: '路演发布成果（项）', value: f.results },
        { label: '对接技术需求（项次）', value: f.needs },
        { label: '洽谈（场）', value: f.dockingMeetings },
        { label: '合作意向（项）', value: f.intents },
        { label: '促成签约（项）', value: f.dealsSince.count },
      ],
    },
    {
      title: '各类活动签约金额',
      bars: rollup.kinds.map((k) => {
        const fen = k.figures?.dealsSince.valueFen ?? 0;
        return { label: KIND_NAMES[k.key as EventKind] ?? k.key, value: fen, text: yuan(fen) };
      }),
    },
  ];
}
