import { dayStart, isDay, yearStart } from 'src/common/time';
import { Locale } from 'src/config/config';
import { OUTCOMES } from 'src/docking/docking-status';
import { EventDto } from 'src/events/dto/event.dto';
import { SeriesDto } from 'src/events/dto/series.dto';
import { SECTORS } from 'src/events/sectors';
import { EventStatisticsDto, GROUPINGS, RollupDto } from 'src/stats/dto/stats.dto';
import { EventFigures } from 'src/stats/figures';
import { barChart, Chart } from 'src/web/charts';
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

/** `?year=2026`, or the days `from` and `to` (the first day in, the last day out), as the period they name in `timeZone`. */
export function periodOf(query: Form, timeZone: string): Form {
  const { year, ...rest } = query;
  if (typeof year === 'string' && /^\d{4}$/.test(year)) {
    const from = yearStart(Number(year), timeZone).toISOString();
    return { ...rest, from, to: yearStart(Number(year) + 1, timeZone).toISOString() };
  }
  return {
    ...rest,
    from: isDay(rest.from) ? dayStart(rest.from, timeZone).toISOString() : rest.from,
    to: isDay(rest.to) ? dayStart(rest.to, timeZone).toISOString() : rest.to,
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
  exports: { csv: string; xlsx: string };
}

/** The period's (or a series') figures as charts, with the exports of the same filters. */
export function rollupPage(asked: RollupAsked, { locale, text }: Reading): RollupPage {
  const { query, period, rollup, series, thisYear } = asked;
  const seriesName = new Map(series.map((x) => [x.id, x.name]));
  const filters = exportQuery(period);
  const totals = rollup?.totals;
  const groupChart = (groups: RollupDto['groups']) =>
    barChart(
      text('outcomes.statistics.groupChart', { by: text(`outcomes.by.${String(query.by)}`) }),
      groups.map((g) => ({
        label: seriesName.get(g.key) ?? g.key,
        value: g.deals ? g.deals.count : (g.figures?.dealsSince.count ?? 0),
      })),
    );
  return {
    title: text('outcomes.statistics.title'),
    query,
    problems: asked.problems,
    groupings: GROUPINGS,
    series,
    years: [0, 1, 2, 3, 4].map((back) => String(thisYear + 1 - back)),
    rollup,
    value: totals && money(totals.dealsSince.valueFen, locale),
    charts: rollup && [
      ...figureCharts(rollup.totals, { locale, text }),
      ...(rollup.groups.length > 0 ? [groupChart(rollup.groups)] : []),
    ],
    exports: {
      csv: `/api/statistics/events.csv?${filters}`,
      xlsx: `/api/statistics/events.xlsx?${filters}`,
    },
  };
}

export interface EventStatisticsPage extends EventPageHead {
  /** The figures as last compiled; none before the first compiling. */
  compiled?: EventStatisticsDto;
  value?: string;
  charts?: Chart[];
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

/** The charts every set of figures is read by: the work done, who came, live views, deals. */
export function figureCharts(f: EventFigures, { locale, text }: Reading): Chart[] {
  const t = (key: string) => text(`outcomes.figures.${key}`);
  const yuan = locale === 'zh-CN' ? '元' : ' yuan';
  return [
    barChart(t('activity'), [
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
    barChart(
      t('dealValue'),
      [
        { label: t('dealsSinceValue'), value: Math.round(f.dealsSince.valueFen / 100) },
        { label: t('dealsAtEventValue'), value: Math.round(f.dealsAtEvent.valueFen / 100) },
      ],
      yuan,
    ),
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
