import { Controller, Get, Query, Req } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Roles } from 'src/common/auth/decorators';
import { yearIn, yearStart } from 'src/common/time';
import { DealQueryDto, IntentQueryDto } from 'src/deals/dto/deals.dto';
import { DealsService } from 'src/deals/deals.service';
import { IntentsService } from 'src/deals/intents.service';
import { EventQueryDto } from 'src/events/dto/event.dto';
import { EventAccess, manages } from 'src/events/event-access';
import { EventsService } from 'src/events/events.service';
import { RegistrationQueryDto } from 'src/registrations/dto/registration.dto';
import { RegistrantsService } from 'src/registrations/registrants.service';
import { RollupQueryDto } from 'src/stats/dto/stats.dto';
import { StatisticsService } from 'src/stats/statistics.service';
import { textOf } from 'src/web/console/console-event';
import {
  comingUp,
  DashboardPage,
  Reading,
  UpcomingEvent,
  yearFigures,
  YearFigures,
} from 'src/web/console/dashboard/dashboard.page';
import { ConsoleScopes } from 'src/web/console/organizations/console-scopes';
import { PageView, view } from 'src/web/page-answer';
import { PageRenderer } from 'src/web/page-renderer';
import { PageController } from 'src/web/page-responder';

const UPCOMING = 20;
const RECENT_REGISTRATIONS = 10;

/** The year asked for (`?year=2027`), else this year in `timeZone`. */
function yearOf(asked: unknown, timeZone: string): number {
  const year = typeof asked === 'string' && /^\d{4}$/.test(asked) ? Number(asked) : NaN;
  return year >= 2000 && year <= 2100 ? year : yearIn(new Date(), timeZone);
}

function query<T extends object>(dto: new () => T, fields: Partial<T>): T {
  return Object.assign(new dto(), fields);
}

/** The organizer's console: what is coming, what came in, and the year's figures in charts. */
@PageController()
@Roles('organizer')
@Controller('console')
export class DashboardPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly events: EventsService,
    private readonly registrants: RegistrantsService,
    private readonly intents: IntentsService,
    private readonly deals: DealsService,
    private readonly statistics: StatisticsService,
    private readonly access: EventAccess,
    private readonly scopes: ConsoleScopes,
  ) {}

  @Get()
  async dashboard(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Query('year') asked: unknown,
  ): Promise<PageView<DashboardPage>> {
    const { timeZone, locale } = this.pages.context(request);
    const text = textOf(this.pages, request);
    const year = yearOf(asked, timeZone);
    const { organizationId, switcher } = await this.scopes.of(request, user);
    const upcoming = await this.upcoming(user, organizationId);
    const intents = await this.intents.intents(user, query(IntentQueryDto, { limit: 1 }));
    const deals = await this.deals.deals(user, query(DealQueryDto, { limit: 1 }));
    return view('console/dashboard', {
      title: text('console.dashboard.title'),
      section: 'dashboard',
      switcher,
      year,
      ...comingUp(upcoming, RECENT_REGISTRATIONS),
      counts: { intents: intents.total, deals: deals.total },
      ...(await this.yearFigures(user, { year, organizationId }, timeZone, { locale, text })),
    });
  }

  /**
   * The coming events of the person's organizations (of the one chosen, with those below it), each
   * with its latest registrations where they manage it.
   */
  private async upcoming(user: AuthUser, organizationId?: string): Promise<UpcomingEvent[]> {
    const coming = await this.events.list(
      user,
      query(EventQueryDto, { inside: true, organizationId, from: new Date(), limit: UPCOMING }),
    );
    const managed = await this.access.managedBy(user);
    const latest = () => query(RegistrationQueryDto, { limit: RECENT_REGISTRATIONS });
    return Promise.all(
      coming.items.map(async (event) => ({
        event,
        registrations: manages(managed, event)
          ? await this.registrants.list(user, event.id, latest())
          : undefined,
      })),
    );
  }

  /**
   * The year's figures: its events by kind and the held events' roll-up, of the person's
   * organizations (of the one chosen, with those below it).
   */
  private async yearFigures(
    user: AuthUser,
    { year, organizationId }: { year: number; organizationId?: string },
    timeZone: string,
    reading: Reading,
  ): Promise<YearFigures> {
    const from = yearStart(year, timeZone);
    const to = yearStart(year + 1, timeZone);
    const rollup = await this.statistics.rollup(
      user,
      query(RollupQueryDto, { organizationId, from, to, by: 'quarter' }),
    );
    return yearFigures(year, rollup, reading);
  }
}
