import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from 'src/common/auth/decorators';
import { IdParamDto, SearchQueryDto } from 'src/common/dto';
import { toDomainError } from 'src/common/errors/to-domain-error';
import { OUTCOMES } from 'src/docking/docking-status';
import { EventsService } from 'src/events/events.service';
import { SECTORS } from 'src/events/sectors';
import { ExternalViewsDto, GROUPINGS, RollupQueryDto } from 'src/stats/dto/stats.dto';
import { EventFigures } from 'src/stats/figures';
import { StatisticsService } from 'src/stats/statistics.service';
import { barChart } from 'src/web/charts';
import { navOf } from 'src/web/console/console-event';
import { problemLines, readForm, redirectDone, submitThenDone } from 'src/web/forms';
import { PageContext, PageRenderer } from 'src/web/page-renderer';
import { PageErrorFilter } from 'src/web/page-error.filter';
import { money, typedForm } from 'src/web/console/console-forms';
import { dayStart, isDay, yearIn, yearStart } from 'src/common/time';

type Form = Record<string, unknown>;

/**
 * The statistics of the events that took place: the period's (or a series') figures as charts, the
 * bureau's report sentence and the exports; one event's figures, compiled on request, with views
 * counted by outside channels entered by hand.
 */
@ApiExcludeController()
@Roles('organizer')
@UseFilters(PageErrorFilter)
@Controller('console')
export class StatisticsPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly events: EventsService,
    private readonly statistics: StatisticsService,
  ) {}

  @Get('statistics')
  async rollup(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query() query: Form,
  ): Promise<void> {
    const context = this.pages.context(request);
    const period = periodOf(query ?? {}, context.timeZone);
    const form = await readForm(RollupQueryDto, period);
    const rollup = form.value ? await this.statistics.rollup(request.user!, form.value) : undefined;
    const text = (key: string) => this.pages.text(context, key);
    // The exports take the same filters, as the page's own query string spells them.
    const filters = new URLSearchParams(
      Object.entries(form.value ? period : {}).filter(
        (e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '',
      ),
    ).toString();
    const totals = rollup?.totals;
    const series = await this.events.listSeries(plainToInstance(SearchQueryDto, { limit: 100 }));
    const seriesName = new Map(series.map((x) => [x.id, x.name]));
    const thisYear = yearIn(new Date(), context.timeZone);
    this.pages.send(reply, request, 'outcomes/statistics', {
      title: this.pages.text(context, 'outcomes.statistics.title'),
      query,
      problems: form.value ? [] : problemLines(form.problems, context.locale),
      groupings: GROUPINGS,
      series,
      years: [0, 1, 2, 3, 4].map((back) => String(thisYear + 1 - back)),
      rollup,
      value: totals && money(totals.dealsSince.valueFen, context.locale),
      charts: totals && [
        ...figureCharts(totals, text, context),
        ...(rollup.groups.length > 0
          ? [
              barChart(
                this.pages.text(context, `outcomes.statistics.groupChart`, {
                  by: this.pages.text(context, `outcomes.by.${String(query.by)}`),
                }),
                rollup.groups.map((g) => ({
                  label: seriesName.get(g.key) ?? g.key,
                  value: g.deals ? g.deals.count : (g.figures?.dealsSince.count ?? 0),
                })),
              ),
            ]
          : []),
      ],
      exports: {
        csv: `/api/statistics/events.csv?${filters}`,
        xlsx: `/api/statistics/events.xlsx?${filters}`,
      },
    });
  }

  @Get('events/:id/statistics')
  async eventStatistics(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Query('done') done?: string,
  ): Promise<void> {
    await this.eventPage(reply, request, params.id, { done });
  }

  @Post('events/:id/statistics/compile')
  async compile(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
  ): Promise<void> {
    await this.statistics.requestCompile(request.user!, params.id);
    redirectDone(reply, `/console/events/${params.id}/statistics`, 'compile');
  }

  @Post('events/:id/statistics/external-views')
  async externalViews(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<void> {
    const page = {
      path: `/console/events/${params.id}/statistics`,
      done: 'views',
      refusedKey: 'outcomes.refused',
    };
    const refused = await submitThenDone(this.pages, request, reply, page, async () => {
      const form = await readForm(ExternalViewsDto, typedForm(body ?? {}, { numbers: ['views'] }));
      if (!form.value) return form.problems;
      await this.statistics.addExternalViews(request.user!, params.id, form.value);
      return [];
    });
    if (refused)
      await this.eventPage(reply, request, params.id, { form: body, ...refused }, refused.status);
  }

  private async eventPage(
    reply: FastifyReply,
    request: FastifyRequest,
    eventId: string,
    data: Record<string, unknown>,
    status = 200,
  ): Promise<void> {
    const user = request.user!;
    const context = this.pages.context(request);
    const event = await this.events.managed(user, eventId);
    // Not compiled yet is a state of the event the page explains, not an error page.
    const compiled = await this.statistics.figures(user, eventId).catch((error: unknown) => {
      if (toDomainError(error)?.code === 'STATISTICS_NOT_COMPILED') return undefined;
      throw error;
    });
    const text = (key: string) => this.pages.text(context, key);
    this.pages.send(
      reply,
      request,
      'outcomes/event-statistics',
      {
        title: this.pages.text(context, 'outcomes.eventStatistics.title', { event: event.title }),
        consoleEvent: navOf(event),
        event,
        compiled,
        value: compiled && money(compiled.figures.dealsSince.valueFen, context.locale),
        charts: compiled && [
          ...figureCharts(compiled.figures, text, context),
          barChart(
            text('outcomes.figures.outcomes'),
            OUTCOMES.map((outcome) => ({
              label: text(`outcomes.outcome.${outcome}`),
              value: compiled.figures.outcomes[outcome] ?? 0,
            })),
          ),
        ],
        ...data,
      },
      status,
    );
  }
}

/** `?year=2026`, or the days `from` and `to` (the first day in, the last day out), as the period they name in `timeZone`. */
function periodOf(query: Form, timeZone: string): Form {
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

/** The charts every set of figures is read by: the work done, who came, live views, deals. */
function figureCharts(f: EventFigures, text: (key: string) => string, context: PageContext) {
  const t = (key: string) => text(`outcomes.figures.${key}`);
  const yuan = context.locale === 'zh-CN' ? '元' : ' yuan';
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
