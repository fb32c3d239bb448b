import { dayBounds, dayStart, isDay, quartersBetween, yearStart } from 'src/common/time';
import { Locale } from 'src/config/config';
import { OUTCOMES } from 'src/docking/docking-status';
import { EventDto } from 'src/events/dto/event.dto';
import { SeriesDto } from 'src/events/dto/series.dto';
import { SECTORS } from 'src/events/sectors';
import { EventStatisticsDto, GROUPINGS, RollupDto } from 'src/stats/dto/stats.dto';
import { EventFigures } from 'src/stats/figures';
import { barChart, Chart, periodChart, plain } from 'src/common/charts';
import { provinceMap } from 'src/common/province-map';
import { eventHead, EventPageHead, Text } from 'src/web/console/console-event';
import { money } from 'src/web/console/console-forms';
import { Form, Refusal } from 'src/web/forms';

/**
 * What the statistics pages show, from the services' DTOs: pure, so it is tested without a
 * browser. The controller loads, this presents, the templates draw.
 */

/** How the pages read: the reader's language and its texts. */
export interface Reading {
  locale: Locale;
  text: Text;
}

/**
 * `?year=2026`, or the days `from` and `to` (the first and the last day of the period, both in), as
 * the instants the roll-up reads in `timeZone` (from the first day's start to the next day after
 * the last).
 */
export function periodOf(query: Form, timeZone: string): Form {
  const { year, ...rest } = query;
  if (typeof year === 'string' && /^\d{4}$/.test(year)) {
    const from = yearStart(Number(year), timeZone).toISOString();
    return { ...rest, from, to: yearStart(Number(year) + 1, timeZone).toISOString() };
  }
  return {
    ...rest,
    from: isDay(rest.from) ? dayStart(rest.from, timeZone).toISOString() : rest.from,
    to: isDay(rest.to) ? dayBounds(rest.to, timeZone).end.toISOString() : rest.to,
  };
}

/** The filters of a period as a query string, for the exports to take the same (none if refused). */
export function exportQuery(period: Form | undefined): string {
  return new URLSearchParams(
    Object.entries(period ?? {}).filter(
      (e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '',
    ),
  ).toString();
}

/** What the roll-up page was asked and what it found. */
export interface RollupAsked {
  /** The page's query as typed, and the period it names when the DTO read it. */
  query: Form;
  period?: Form;
  problems: { message: string }[];
  rollup?: RollupDto;
  series: SeriesDto[];
  thisYear: number;
}

export interface RollupPage extends Omit<RollupAsked, 'period' | 'thisYear'> {
  title: string;
  groupings: typeof GROUPINGS;
  /** The years offered: next year and the four before it. */
  years: string[];
  value?: string;
  charts?: Chart[];
  /** The figures a bureau's report reads, each with its label, and the events by kind. */
  report?: ReportFigures;
  exports: { csv: string; xlsx: string; docx: string; pdf: string };
}

export interface ReportFigures {
  rows: { label: string; value: string }[];
  kinds: {
    kind: string;
    events: number;
    results: number;
    people: number;
    deals: number;
    value: string;
  }[];
}

/** A table's rows: the label's key under `outcomes.report.` and the value as shown. */
type ReportRow = [string, string | number];

/** The figures a report reads of a set of events (or one), counts as they are, amounts in 万元 / 亿元. */
function figureRows(f: EventFigures, locale: Locale): ReportRow[] {
  const yuan = (fen: number) => money(fen, locale);
  return [
    ['dockedNeeds', f.needs],
    ['institutions', f.participants.institutions],
    ['enterprises', f.participants.enterprises],
    ['experts', f.participants.experts],
    ['expertAttendances', (f.confirmed.academia ?? 0) + (f.confirmed.research ?? 0)],
    ['enterpriseAttendances', f.confirmed.industry ?? 0],
    ['intents', f.intents],
    ['signed', f.dealStages.signed.count],
    ['landed', f.dealStages.landed.count],
    ['dropped', f.dealStages.dropped.count],
    ['received', yuan(f.checkIns.receivedFen)],
    ['outputValue', yuan(f.checkIns.outputValueFen)],
    ['investment', yuan(f.investment.agreedFen)],
    ['technology', yuan(f.investment.technologyFen)],
    ['registered', f.registeredContracts.count],
    ['registeredValue', yuan(f.registeredContracts.valueFen)],
  ];
}

const labelled = (rows: ReportRow[], text: Text) =>
  rows.map(([key, value]) => ({ label: text(`outcomes.report.${key}`), value: String(value) }));

/** The roll-up's figures as the report table shows them, the programmes' catalogue and the platform's apart. */
export function reportFigures(rollup: RollupDto, { locale, text }: Reading): ReportFigures {
  const rows: ReportRow[] = [
    ['released', rollup.catalog.results],
    ['collected', rollup.catalog.needs],
    ['platformResults', rollup.platform.results],
    ['platformNeeds', rollup.platform.needs],
    ...figureRows(rollup.totals, locale),
  ];
  return {
    rows: labelled(rows, text),
    kinds: rollup.kinds.map((k) => ({
      kind: text(`kind.${k.key}`),
      events: k.events,
      results: k.figures?.released.results ?? 0,
      people: k.figures?.confirmed.total ?? 0,
      deals: k.figures?.dealsSince.count ?? 0,
      value: money(k.figures?.dealsSince.valueFen ?? 0, locale),
    })),
  };
}

/** One event's figures as the report table shows them: what was released and collected at it first. */
export function eventReportRows(f: EventFigures, { locale, text }: Reading): ReportFigures['rows'] {
  const rows: ReportRow[] = [
    ['released', f.released.results],
    ['collected', f.released.needs],
    ...figureRows(f, locale),
  ];
  return labelled(rows, text);
}

/** The period's (or a series') figures as charts, with the exports of the same filters. */
export function rollupPage(asked: RollupAsked, { locale, text }: Reading): RollupPage {
  const { query, period, rollup, series, thisYear } = asked;
  const seriesName = new Map(series.map((x) => [x.id, x.name]));
  const filters = exportQuery(period);
  const spreadsheet = [filters, `lang=${locale}`].filter(Boolean).join('&');
  const totals = rollup?.totals;
  const groupChart = (groups: RollupDto['groups']) => {
    const title = text('outcomes.statistics.groupChart', {
      by: text(`outcomes.by.${String(query.by)}`),
    });
    const dealsOf = (g: RollupDto['groups'][number]) =>
      g.deals ? g.deals.count : (g.figures?.dealsSince.count ?? 0);
    if (query.by !== 'quarter')
      return barChart(
        title,
        groups.map((g) => ({ label: seriesName.get(g.key) ?? g.key, value: dealsOf(g) })),
      );
    // Every quarter of the period, those without an event too.
    const keys = groups.map((g) => g.key).sort();
    const year = typeof query.year === 'string' && /^\d{4}$/.test(query.year) ? query.year : '';
    const quarters = quartersBetween(
      year ? `${year}Q1` : keys[0],
      year ? `${year}Q4` : keys[keys.length - 1],
    );
    const byKey = new Map(groups.map((g) => [g.key, dealsOf(g)]));
    return periodChart(title, quarters, [
      { name: text('outcomes.figures.deals'), values: quarters.map((q) => byKey.get(q) ?? 0) },
    ]);
  };
  return {
    title: text('outcomes.statistics.title'),
    query,
    problems: asked.problems,
    groupings: GROUPINGS,
    series,
    years: [0, 1, 2, 3, 4].map((back) => String(thisYear + 1 - back)),
    rollup,
    value: totals && money(totals.dealsSince.valueFen, locale),
    report: rollup && reportFigures(rollup, { locale, text }),
    charts: rollup && [
      ...figureCharts(rollup.totals, { locale, text }),
      partnerMap(rollup.partners, { locale, text }),
      ...(rollup.groups.length > 0 ? [groupChart(rollup.groups)] : []),
    ],
    exports: {
      // One language per file: the page's.
      csv: `/api/statistics/events.csv?${spreadsheet}`,
      xlsx: `/api/statistics/events.xlsx?${spreadsheet}`,
      docx: `/api/statistics/report.docx?${filters}`,
      pdf: `/api/statistics/report.pdf?${filters}`,
    },
  };
}

/**
 * The partner institutions on a map of China by province, with what they are in the caption (and
 * that the map is a schematic), the table listing the provinces, those without one and the total.
 */
export function partnerMap(partners: RollupDto['partners'], { locale, text }: Reading): Chart {
  const t = (key: string, values?: Record<string, string | number>) =>
    text(`outcomes.partners.${key}`, values);
  return provinceMap(
    t('title'),
    partners.provinces.map((p) => ({ province: p.province, value: p.institutions })),
    {
      locale,
      column: t('column'),
      note: t('note', { total: partners.institutions }),
      extra: [
        { label: t('unplaced'), values: [plain(partners.unplaced)] },
        { label: t('total'), values: [plain(partners.institutions)] },
      ],
    },
  );
}

export interface EventStatisticsPage extends EventPageHead {
  /** The figures as last compiled; none before the first compiling. */
  compiled?: EventStatisticsDto;
  value?: string;
  charts?: Chart[];
  /** The figures a report reads of the event, labelled. */
  report?: ReportFigures['rows'];
  done?: string;
  /** A refused entry of views, as typed. */
  form?: Form;
}

/** One event's figures as charts (or that they are not compiled yet), and its entry of outside views. */
export function eventStatisticsPage(
  event: EventDto,
  compiled: EventStatisticsDto | undefined,
  { locale, text }: Reading,
  shown: { done?: string; form?: Form } & Partial<Refusal> = {},
): EventStatisticsPage {
  const figures = compiled?.figures;
  return {
    ...eventHead(event, 'event-statistics', 'outcomes.eventStatistics.title', text),
    compiled,
    value: figures && money(figures.dealsSince.valueFen, locale),
    report: figures && eventReportRows(figures, { locale, text }),
    charts: figures && [
      ...figureCharts(figures, { locale, text }),
      barChart(
        text('outcomes.figures.outcomes'),
        OUTCOMES.map((outcome) => ({
          label: text(`outcomes.outcome.${outcome}`),
          value: figures.outcomes[outcome] ?? 0,
        })),
      ),
    ],
    ...shown,
  };
}

/**
 * The charts every set of figures is read by — the work done, who came, live views, deals — each
 * bar labelled with what it counts and in which unit, as the report table and the sentence name
 * the same figures (results released and needs collected first, as the sentence says them).
 */
export function figureCharts(f: EventFigures, { locale, text }: Reading): Chart[] {
  const t = (key: string) => text(`outcomes.figures.${key}`);
  const amount = (label: string, fen: number) => ({
    label,
    value: fen,
    text: money(fen, locale),
  });
  return [
    barChart(t('activity'), [
      { label: text('outcomes.report.released'), value: f.released.results },
      { label: text('outcomes.report.collected'), value: f.released.needs },
      { label: t('invited'), value: f.invited },
      { label: t('registered'), value: f.registered.total },
      { label: t('checkedIn'), value: f.checkedIn.total },
      { label: t('results'), value: f.results },
      { label: t('needs'), value: f.needs },
      { label: t('roadshows'), value: f.roadshows },
      { label: t('dockingMeetings'), value: f.dockingMeetings },
      { label: t('intents'), value: f.intents },
      { label: t('deals'), value: f.dealsSince.count },
      { label: t('dealsAtEvent'), value: f.dealsAtEvent.count },
    ]),
    barChart(t('dealValue'), [
      amount(t('dealsSinceValue'), f.dealsSince.valueFen),
      amount(t('dealsAtEventValue'), f.dealsAtEvent.valueFen),
    ]),
    barChart(
      t('participants'),
      SECTORS.map((sector) => ({
        label: text(`sector.${sector}`),
        value: f.checkedIn[sector] ?? 0,
      })),
    ),
    barChart(t('live'), [
      { label: t('liveTotal'), value: f.liveViews.total },
      { label: t('liveUnique'), value: f.liveViews.unique },
      { label: t('livePeak'), value: f.liveViews.peakConcurrent },
      { label: t('liveExternal'), value: f.liveViews.external },
    ]),
  ];
}
