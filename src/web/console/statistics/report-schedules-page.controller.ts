import { Body, Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Roles } from 'src/common/auth/decorators';
import { IdParamDto, SearchQueryDto } from 'src/common/dto';
import { EventsService } from 'src/events/events.service';
import { TeamService } from 'src/identity/team.service';
import { ReportScheduleInputDto } from 'src/stats/dto/report-schedule.dto';
import { ReportSchedules } from 'src/stats/report-schedules';
import { textOf } from 'src/web/console/console-event';
import {
  addScheduleForm,
  ManagedSchedules,
  reportSchedulesPage,
  ReportSchedulesPage,
  SCHEDULE_NOTICES,
} from 'src/web/console/statistics/report-schedules.page';
import { doneOf, Form, Forms, RefusedForms, refusedOn } from 'src/web/forms';
import { PageAnswer, PageView, seeOther, view } from 'src/web/page-answer';
import { PageRenderer } from 'src/web/page-renderer';
import { PageController } from 'src/web/page-responder';
import { confirmFirst } from 'src/web/confirm';

const SCHEDULES = '/console/statistics/schedules';

/**
 * Scheduled reports (定期报告): for each organization the reader manages, who receives its report
 * after each month or quarter, and in which documents; added and stopped here.
 */
@PageController()
@Roles('organizer')
@Controller('console/statistics/schedules')
export class ReportSchedulesPageController {
  constructor(
    private readonly forms: Forms,
    private readonly pages: PageRenderer,
    private readonly teams: TeamService,
    private readonly events: EventsService,
    private readonly schedules: ReportSchedules,
  ) {}

  @Get()
  page(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Query('done') done: unknown,
  ): Promise<PageView<ReportSchedulesPage>> {
    return this.show(request, user, { done: doneOf(done, SCHEDULE_NOTICES) });
  }

  @Post(':id/add')
  async add(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const { refused } = await this.forms.submit(
      request,
      { dto: ReportScheduleInputDto, input: body ?? {} },
      (input) => this.schedules.create(user, params.id, input),
    );
    if (!refused) return seeOther(SCHEDULES, 'scheduled');
    const state = refusedOn(addScheduleForm(params.id), body ?? {}, refused);
    return this.show(request, user, state, refused.status);
  }

  @Post(':id/stop')
  async stop(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const ask = confirmFirst(body, {
      question: 'confirm.stopSchedule',
      button: 'confirm.stopScheduleButton',
      action: `${SCHEDULES}/${params.id}/stop`,
      back: SCHEDULES,
    });
    if (ask) return ask;
    await this.schedules.remove(user, params.id);
    return seeOther(SCHEDULES, 'stopped');
  }

  private async show(
    request: FastifyRequest,
    user: AuthUser,
    state: { done?: string } & Partial<RefusedForms>,
    status?: number,
  ): Promise<PageView<ReportSchedulesPage>> {
    const series = await this.events.listSeries(
      user,
      plainToInstance(SearchQueryDto, { limit: 100 }),
    );
    const managed: ManagedSchedules[] = await Promise.all(
      (await this.teams.managed(user)).map(async (o) => ({
        ...o,
        schedules: await this.schedules.list(user, o.id),
        series: series.filter((s) => s.organizationId === o.id),
      })),
    );
    const text = textOf(this.pages, request);
    const page = reportSchedulesPage(text('outcomes.schedules.title'), managed, text, state);
    return view('outcomes/report-schedules', page, {
      status,
      titleKey: 'outcomes.schedules.title',
    });
  }
}
