import { EventDto } from 'src/events/dto/event.dto';
import { EVENT_KINDS } from 'src/events/event-kinds';
import { RegistrationDto, RegistrationPageDto } from 'src/registrations/dto/registration.dto';
import { RollupDto } from 'src/stats/dto/stats.dto';
import { barChart, Chart, periodChart } from 'src/common/charts';
import { moneyText } from 'src/common/chinese-numbers';
import { quartersBetween } from 'src/common/time';
import { Locale } from 'src/config/config';
import { SECTORS } from 'src/events/sectors';
import { EventFigures } from 'src/stats/figures';
import { Text } from 'src/web/console/console-event';
import { Switcher } from 'src/web/console/organizations/organizations.page';

/**
 * What the organizer's dashboard shows, from the services' DTOs: pure, so it is tested without a
 * browser. The controller loads, this presents, the template draws.
 */

/** A coming event with the latest of its registrations (for those who manage it). */
export interface UpcomingEvent {
  event: EventDto;
  registrations?: RegistrationPageDto;
}

export interface DashboardPage {
  title: string;
  section: 'dashboard';
  /** The organization switcher, for a person who sees several. */
  switcher?: Switcher;
  year: number;
  /** Its registrations for an event the reader manages, else null (its public page is linked). */
  upcoming: (EventDto & { registrations: number | null })[];
  recent: (RegistrationDto & { eventTitle: string })[];
  counts: { intents: number; deals: number };
  totals: YearFigures['totals'];
  summary: string;
  charts: Chart[];
}

/** How the dashboard reads: the reader's language and its texts. */
export interface Reading {
  locale: Locale;
  text: Text;
}

/** The year's figures: the held events' roll-up, by kind and by quarter. */
export interface YearFigures {
  totals: { events: number; registered: number; checkedIn: number; deals: number; value: string };
  summary: string;
  charts: Chart[];
}

/** The coming events with their numbers of registrations, and the latest `recentShown` registrations of them all. */
export function comingUp(
  upcoming: UpcomingEvent[],
  recentShown: number,
): Pick<DashboardPage, 'upcoming' | 'recent'> {
  return {
    upcoming: upcoming.map(({ event, registrations }) => ({
      ...event,
      registrations: registrations ? registrations.total : null,
    })),
    // The latest registrations of the coming events, newest first.
    recent: upcoming
      .flatMap(({ event, registrations }) =>
        (registrations?.items ?? []).map((registration) => ({
          ...registration,
          eventTitle: event.title,
        })),
      )
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(0, recentShown),
  };
}

/**
 * The year's figures, all from its compiled roll-up by quarter (the same figures the statistics
 * page, the report sentence and the exports read): its held events by kind, and every quarter of
 * it (empty ones too) by registrations and check-ins, check-ins by sector, and deals.
 */
export function yearFigures(year: number, rollup: RollupDto, reading: Reading): YearFigures {
  const { locale, text } = reading;
  const quarters = quartersBetween(`${year}Q1`, `${year}Q4`);
  const ofQuarter = new Map(rollup.groups.map((g) => [g.key, g.figures]));
  const each = (value: (f: EventFigures) => number) =>
    quarters.map((q) => {
      const figures = ofQuarter.get(q);
      return figures ? value(figures) : 0;
    });
  const eventsOf = new Map(rollup.kinds.map((k) => [k.key, k.events]));
  const periods = quarters.map((q) => text('console.dashboard.quarter', { q: q.slice(5) }));
  return {
    totals: {
      events: rollup.events,
      registered: rollup.totals.registered.total,
      checkedIn: rollup.totals.checkedIn.total,
      deals: rollup.totals.dealsSince.count,
      value: moneyText(rollup.totals.dealsSince.valueFen, locale),
    },
    summary: rollup.summary,
    charts: [
      barChart(
        text('console.dashboard.chartKinds', { year }),
        EVENT_KINDS.map((kind) => ({
          label: text(`kind.${kind}`),
          value: eventsOf.get(kind) ?? 0,
        })),
      ),
      periodChart(
        text('console.dashboard.chartPeople', { year }),
        periods,
        [
          { name: text('console.dashboard.registered'), values: each((f) => f.registered.total) },
          { name: text('console.dashboard.checkedIn'), values: each((f) => f.checkedIn.total) },
        ],
        { trend: true },
      ),
      periodChart(
        text('console.dashboard.chartSectors', { year }),
        periods,
        SECTORS.map((sector) => ({
          name: text(`sector.${sector}`),
          values: each((f) => f.checkedIn[sector] ?? 0),
        })),
        { stacked: true },
      ),
      periodChart(text('console.dashboard.chartDeals', { year }), periods, [
        { name: text('console.dashboard.dealsSigned'), values: each((f) => f.dealsSince.count) },
      ]),
    ],
  };
}
