import { EventDto } from 'src/events/dto/event.dto';
import { EVENT_KINDS } from 'src/events/event-kinds';
import { RegistrationDto, RegistrationPageDto } from 'src/registrations/dto/registration.dto';
import { RollupDto } from 'src/stats/dto/stats.dto';
import { barChart, Chart } from 'src/web/charts';
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

/** The year's figures: the held events' roll-up, and the organizer's events by kind. */
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

/** The year's figures from its roll-up by quarter and the events starting in it. */
export function yearFigures(
  year: number,
  rollup: RollupDto,
  startingInYear: EventDto[],
  text: Text,
): YearFigures {
  const quarters = rollup.groups.map((g) => ({ label: g.key, figures: g.figures }));
  const byQuarter = (key: string, value: (f: RollupDto['totals']) => number) =>
    barChart(
      text(key, { year }),
      quarters.map((q) => ({ label: q.label, value: (q.figures && value(q.figures)) ?? 0 })),
    );
  return {
    totals: {
      events: rollup.events,
      registered: rollup.totals.registered.total,
      checkedIn: rollup.totals.checkedIn.total,
      deals: rollup.totals.dealsSince.count,
      value: text('console.dashboard.tenThousandYuan', {
        n: (rollup.totals.dealsSince.valueFen / 100 / 10_000).toFixed(2),
      }),
    },
    summary: rollup.summary,
    charts: [
      barChart(
        text('console.dashboard.chartKinds', { year }),
        EVENT_KINDS.map((kind) => ({
          label: text(`kind.${kind}`),
          value: startingInYear.filter((e) => e.kind === kind).length,
        })),
      ),
      byQuarter('console.dashboard.chartRegistered', (f) => f.registered.total),
      byQuarter('console.dashboard.chartCheckedIn', (f) => f.checkedIn.total),
      byQuarter('console.dashboard.chartDeals', (f) => f.dealsSince.count),
    ],
  };
}
