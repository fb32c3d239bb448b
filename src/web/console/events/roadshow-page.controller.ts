import { Body, Param, Post, Req } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { AgendaRooms } from 'src/agenda/agenda-rooms';
import { AgendaService } from 'src/agenda/agenda.service';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { toDomainError } from 'src/common/errors/to-domain-error';
import { EventAccess } from 'src/events/event-access';
import { UsersService } from 'src/identity/users.service';
import {
  AssignReviewersDto,
  DecideRoadshowDto,
  RoadshowCallDto,
  ScheduleRoadshowDto,
} from 'src/roadshows/dto/roadshow.dto';
import { RoadshowsService } from 'src/roadshows/roadshows.service';
import { EventItemParamsDto } from 'src/web/console/console-event';
import {
  ConsoleEvent,
  EventPages,
  EventPagesController,
  EventPageSpec,
  EventPageState,
  expertsOf,
} from 'src/web/console/events/event-pages';
import { callInput, RoadshowsPage, roadshowsPage } from 'src/web/console/events/roadshows.page';
import { checkedOf } from 'src/web/form-values';
import { confirmFirst } from 'src/web/confirm';
import { doneOf, Form, Forms } from 'src/web/forms';
import { timeSpanOf } from 'src/web/local-time';
import { PageAnswer } from 'src/web/page-answer';
import { PageRenderer } from 'src/web/page-renderer';

const DONE = ['call-saved', 'call-closed', 'reviewers', 'accepted', 'rejected', 'scheduled'];

/**
 * Roadshow review: the call (its window and fields), the submissions with their reviews and mean
 * score, reviewers, the decision, and the accepted ones put on the agenda (RoadshowsService).
 * A submission's forms are refused beside it (under its id).
 */
@EventPagesController('roadshows')
export class RoadshowPageController extends EventPages {
  protected readonly spec: EventPageSpec = {
    section: 'roadshows',
    template: 'program/roadshows',
    titleKey: 'program.roadshows.title',
  };

  constructor(
    private readonly pages: PageRenderer,
    private readonly forms: Forms,
    protected readonly access: EventAccess,
    private readonly roadshows: RoadshowsService,
    private readonly agenda: AgendaService,
    private readonly rooms: AgendaRooms,
    private readonly users: UsersService,
  ) {
    super();
  }

  @Post('call')
  async setCall(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const input = callInput(body, this.pages.context(request).timeZone);
    const attempt = await this.forms.submit(request, { dto: RoadshowCallDto, input }, (value) =>
      this.roadshows.setCall(user, params.id, value),
    );
    const shown = { name: 'call', typed: body };
    return this.after(request, user, params.id, attempt, shown, 'call-saved');
  }

  /** Closes the call now, keeping its opening time, fields and description. */
  @Post('call/close')
  async closeCall(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const page = `/console/events/${params.id}/roadshows`;
    const ask = confirmFirst(body, {
      question: 'confirm.closeCall',
      button: 'confirm.closeCallButton',
      action: `${page}/call/close`,
      back: page,
    });
    if (ask) return ask;
    const attempt = await this.forms.attempt(request, async () => {
      const call = await this.roadshows.call(user, params.id);
      await this.roadshows.setCall(user, params.id, { ...call, closesAt: new Date() });
    });
    return this.after(request, user, params.id, attempt, { name: 'call' }, 'call-closed');
  }

  @Post(':itemId/reviewers')
  async reviewers(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: EventItemParamsDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const input = { reviewerIds: checkedOf(body?.reviewerIds) };
    const attempt = await this.forms.submit(request, { dto: AssignReviewersDto, input }, (value) =>
      this.roadshows.assignReviewers(user, params.itemId, value),
    );
    const shown = { name: params.itemId, typed: input };
    return this.after(request, user, params.id, attempt, shown, 'reviewers');
  }

  @Post(':itemId/decision')
  async decide(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: EventItemParamsDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const input = { decision: body?.decision, note: body?.note };
    const attempt = await this.forms.submit(request, { dto: DecideRoadshowDto, input }, (value) =>
      this.roadshows.decide(user, params.itemId, value),
    );
    const shown = { name: params.itemId, typed: input };
    return this.after(request, user, params.id, attempt, shown, ({ status }) =>
      this.back(params.id, status === 'accepted' ? 'accepted' : 'rejected'),
    );
  }

  @Post(':itemId/schedule')
  async schedule(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: EventItemParamsDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const { timeZone } = this.pages.context(request);
    const input = { ...timeSpanOf(body, timeZone), room: body?.room };
    const attempt = await this.forms.submit(request, { dto: ScheduleRoadshowDto, input }, (value) =>
      this.roadshows.schedule(user, params.itemId, value),
    );
    const shown = { name: params.itemId, typed: body };
    return this.after(request, user, params.id, attempt, shown, 'scheduled');
  }

  protected stateOf(query: Form): EventPageState {
    return { done: doneOf(query.done, DONE) };
  }

  protected async data(
    request: FastifyRequest,
    user: AuthUser,
    event: ConsoleEvent,
    { refused }: EventPageState,
  ): Promise<RoadshowsPage> {
    const { timeZone } = this.pages.context(request);
    const call = await this.roadshows.call(user, event.id).catch((error: unknown) => {
      if (toDomainError(error)?.code === 'ROADSHOW_CALL_NOT_FOUND') return undefined;
      throw error;
    });
    const experts = await expertsOf(this.users, user);
    const agendaItems = (await this.agenda.agenda(user, event.id)).items;
    const roadshows = await this.roadshows.list(user, event.id);
    const rooms = await this.rooms.of(event.id);
    return roadshowsPage({
      event,
      call,
      roadshows,
      agendaItems,
      rooms,
      experts,
      timeZone,
      refused,
    });
  }
}
