import { Controller, Get, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { Roles } from 'src/common/auth/decorators';
import { DealQueryDto, IntentQueryDto } from 'src/deals/dto/deals.dto';
import { DealsService } from 'src/deals/deals.service';
import { EventDto, EventQueryDto } from 'src/events/dto/event.dto';
import { EVENT_KINDS } from 'src/events/event-kinds';
import { EventsService } from 'src/events/events.service';
import { RegistrationQueryDto } from 'src/registrations/dto/registration.dto';
import { RegistrantsService } from 'src/registrations/registrants.service';
import { RollupQueryDto } from 'src/stats/dto/stats.dto';
import { StatisticsService } from 'src/stats/statistics.service';
import { barChart } from 'src/web/charts';
import { PageErrorFilter } from 'src/web/page-error.filter';
import { PageContext, PageRenderer } from 'src/web/page-renderer';
import { yearIn, yearStart } from 'src/common/time';
import { IntentsService } from 'src/deals/intents.service';

const UPCOMING = 20;
const RECENT_REGISTRATIONS = 10;
/** Events of a year counted by kind; a console year rarely holds more (the series: 33). */
const EVENTS_OF_A_YEAR = 100;

/** The year asked for (`?year=2027`), else this year in `timeZone`. */
function yearOf(asked: unknown, timeZone: string): number {
  const year = typeof asked === 'string' && /^\d{4}$/.test(asked) ? Number(asked) : NaN;
  return year >= 2000 && year <= 2100 ? year : yearIn(new Date(), timeZone);
}

function query<T extends object>(dto: new () => T, fields: Partial<T>): T {
  return Object.assign(new dto(), fields);
}

/** The organizer's console: what is coming, what came in, and the year's figures in charts. */
@ApiExcludeController()
@Roles('organizer')
@UseFilters(PageErrorFilter)
@Controller('console')
export class DashboardPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly events: EventsService,
    private readonly registrants: RegistrantsService,
    private readonly intents: IntentsService,
    private readonly deals: DealsService,
    private readonly statistics: StatisticsService,
  ) {}

  @Get()
  async dashboard(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('year') asked: unknown,
  ): Promise<void> {
    const user = request.user!;
    const context = this.pages.context(request);
    const year = yearOf(asked, context.timeZone);
    const upcoming = await this.events.list(
      user,
      query(EventQueryDto, { managed: true, from: new Date(), limit: UPCOMING }),
    );
    const withRegistrations = await Promise.all(
      upcoming.items.map(async (event) => ({
        event,
        registrations: await this.registrants.list(
          user,
          event.id,
          query(RegistrationQueryDto, { limit: RECENT_REGISTRATIONS }),
        ),
      })),
    );
    // The latest registrations of the coming events, newest first.
    const recent = withRegistrations
      .flatMap(({ event, registrations }) =>
        registrations.items.map((registration) => ({ ...registration, eventTitle: event.title })),
      )
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(0, RECENT_REGISTRATIONS);
    const intents = await this.intents.intents(user, query(IntentQueryDto, { limit: 1 }));
    const deals = await this.deals.deals(user, query(DealQueryDto, { limit: 1 }));
    this.pages.send(reply, request, 'console/dashboard', {
      title: this.pages.text(context, 'console.dashboard.title'),
      section: 'dashboard',
      year,
      upcoming: withRegistrations.map(({ event, registrations }) => ({
        ...event,
        registrations: registrations.total,
      })),
      recent,
      counts: { intents: intents.total, deals: deals.total },
      ...(await this.yearFigures(user, context, year)),
    });
  }

  /** The year's figures: its events by kind (the organizer's), and the held events' roll-up. */
  private async yearFigures(user: AuthUser, context: PageContext, year: number) {
    const text = (key: string, values: Record<string, string | number> = {}) =>
      this.pages.text(context, key, values);
    const from = yearStart(year, context.timeZone);
    const to = yearStart(year + 1, context.timeZone);
    const ofYear = await this.events.list(
      user,
      query(EventQueryDto, { managed: true, from, to, limit: EVENTS_OF_A_YEAR }),
    );
    const startingInYear = ofYear.items.filter((e: EventDto) => e.startsAt >= from);
    const rollup = await this.statistics.rollup(
      user,
      query(RollupQueryDto, { from, to, by: 'quarter' }),
    );
    const quarters = rollup.groups.map((g) => ({ label: g.key, figures: g.figures }));
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
        barChart(
          text('console.dashboard.chartRegistered', { year }),
          quarters.map((q) => ({ label: q.label, value: q.figures?.registered.total ?? 0 })),
        ),
        barChart(
          text('console.dashboard.chartCheckedIn', { year }),
          quarters.map((q) => ({ label: q.label, value: q.figures?.checkedIn.total ?? 0 })),
        ),
        barChart(
          text('console.dashboard.chartDeals', { year }),
          quarters.map((q) => ({ label: q.label, value: q.figures?.dealsSince.count ?? 0 })),
        ),
      ],
    };
  }
}
