import { Body, Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Roles } from 'src/common/auth/decorators';
import { IdParamDto, SearchQueryDto } from 'src/common/dto';
import { toDomainError } from 'src/common/errors/to-domain-error';
import { yearIn } from 'src/common/time';
import { EventsService } from 'src/events/events.service';
import { ExternalViewsDto, RollupQueryDto } from 'src/stats/dto/stats.dto';
import { StatisticsService } from 'src/stats/statistics.service';
import { textOf } from 'src/web/console/console-event';
import { typedForm } from 'src/web/console/console-forms';
import { ConsoleScopes } from 'src/web/console/organizations/console-scopes';
import {
  eventStatisticsPage,
  EventStatisticsPage,
  periodOf,
  Reading,
  rollupPage,
  RollupPage,
} from 'src/web/console/statistics/statistics.page';
import { doneOf, Form, Forms, problemLines, readForm, Refusal } from 'src/web/forms';
import { PageAnswer, PageView, seeOther, view } from 'src/web/page-answer';
import { PageRenderer } from 'src/web/page-renderer';
import { PageController } from 'src/web/page-responder';

const NOTICES = ['compile', 'views'] as const;

/**
 * The statistics of the events that took place: the period's (or a series') figures as charts, the
 * bureau's report sentence and the exports; one event's figures, compiled on request, with views
 * counted by outside channels entered by hand.
 */
@PageController()
@Roles('organizer')
@Controller('console')
export class StatisticsPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly forms: Forms,
    private readonly events: EventsService,
    private readonly statistics: StatisticsService,
    private readonly scopes: ConsoleScopes,
  ) {}

  @Get('statistics')
  async rollup(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Query() query: Form,
  ): Promise<PageView<RollupPage>> {
    const { locale, timeZone } = this.pages.context(request);
    const { organizationId, switcher } = await this.scopes.of(request, user);
    // The switcher's organization narrows the figures and the exports alike.
    const period = {
      ...periodOf(query ?? {}, timeZone),
      ...(organizationId && { organizationId }),
    };
    const form = await readForm(RollupQueryDto, period);
    const rollup = form.value && (await this.statistics.rollup(user, form.value));
    const series = await this.events.listSeries(
      user,
      plainToInstance(SearchQueryDto, { limit: 100 }),
    );
    const asked = {
      query,
      // The exports take the same filters, as the page's own query string spells them.
      period: form.value && period,
      problems: problemLines(form.problems, locale),
      rollup,
      series,
      thisYear: yearIn(new Date(), timeZone),
    };
    return view('outcomes/statistics', { ...rollupPage(asked, this.reading(request)), switcher });
  }

  @Get('events/:id/statistics')
  eventStatistics(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Query('done') done: unknown,
  ): Promise<PageView<EventStatisticsPage>> {
    return this.eventPage(request, user, params.id, { done: doneOf(done, NOTICES) });
  }

  @Post('events/:id/statistics/compile')
  async compile(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<PageAnswer> {
    await this.statistics.requestCompile(user, params.id);
    return seeOther(`/console/events/${params.id}/statistics`, 'compile');
  }

  @Post('events/:id/statistics/external-views')
  async externalViews(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const form = { dto: ExternalViewsDto, input: typedForm(body ?? {}, { numbers: ['views'] }) };
    const { refused } = await this.forms.submit(request, form, (value) =>
      this.statistics.addExternalViews(user, params.id, value),
    );
    if (!refused) return seeOther(`/console/events/${params.id}/statistics`, 'views');
    return this.eventPage(request, user, params.id, { form: body, ...refused }, refused.status);
  }

  private async eventPage(
    request: FastifyRequest,
    user: AuthUser,
    eventId: string,
    shown: { done?: string; form?: Form } & Partial<Refusal>,
    status?: number,
  ): Promise<PageView<EventStatisticsPage>> {
    const event = await this.events.managed(user, eventId);
    // Not compiled yet is a state of the event the page explains, not an error page.
    const compiled = await this.statistics.figures(user, eventId).catch((error: unknown) => {
      if (toDomainError(error)?.code === 'STATISTICS_NOT_COMPILED') return undefined;
      throw error;
    });
    const page = eventStatisticsPage(event, compiled, this.reading(request), shown);
    return view('outcomes/event-statistics', page, { status });
  }

  private reading(request: FastifyRequest): Reading {
    return { locale: this.pages.context(request).locale, text: textOf(this.pages, request) };
  }
}
