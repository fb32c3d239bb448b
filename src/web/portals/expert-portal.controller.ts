import { Body, Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { AgendaService } from 'src/agenda/agenda.service';
import { ResultsService } from 'src/catalog/results.service';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { DealsService } from 'src/deals/deals.service';
import { DockingMeetingsService } from 'src/docking/docking-meetings.service';
import { AnswerMeetingDto } from 'src/docking/dto/docking.dto';
import { EventsService } from 'src/events/events.service';
import { SubmitRoadshowDto } from 'src/roadshows/dto/roadshow.dto';
import { RoadshowsService } from 'src/roadshows/roadshows.service';
import { Form, Forms, Refusal } from 'src/web/forms';
import { PageAnswer } from 'src/web/page-answer';
import { PageController } from 'src/web/page-responder';
import {
  ALL_MINE,
  changed,
  dealsPage,
  doneKey,
  eventTitles,
  meetingRows,
  portalPage,
} from 'src/web/portals/portal-page';

/** The expert portal: overview, roadshows, agenda, docking requests and deals (results: ExpertResultsController). */
@PageController()
@Roles('expert')
@Controller('expert')
export class ExpertPortalController {
  constructor(
    private readonly forms: Forms,
    private readonly results: ResultsService,
    private readonly roadshows: RoadshowsService,
    private readonly agenda: AgendaService,
    private readonly dockingMeetings: DockingMeetingsService,
    private readonly deals: DealsService,
    private readonly events: EventsService,
  ) {}

  @Get()
  async overview(@CurrentUser() user: AuthUser): Promise<PageAnswer> {
    const [results, roadshows, meetings, agenda] = await Promise.all([
      this.results.search(user, ALL_MINE),
      this.roadshows.mine(user),
      this.dockingMeetings.myMeetings(user),
      this.agenda.presenting(user),
    ]);
    return portalPage('expert', 'overview', 'overview', {
      counts: {
        results: results.total,
        published: results.items.filter((r) => r.published).length,
        roadshows: roadshows.length,
        agenda: agenda.length,
      },
      awaiting: meetings.filter(
        (m) => m.status === 'requested' && m.counterpart.userId === user.id,
      ),
      decided: roadshows.filter((r) => r.status === 'accepted' || r.status === 'rejected'),
    });
  }

  @Get('roadshows')
  roadshowPage(@CurrentUser() user: AuthUser, @Query('done') done: unknown): Promise<PageAnswer> {
    return this.roadshowList(user, { done: doneKey(done) });
  }

  @Post('roadshows/events/:id')
  async submitRoadshow(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const form = { dto: SubmitRoadshowDto, input: body };
    const { refused } = await this.forms.submit(request, form, (value) =>
      this.roadshows.submit(user, params.id, value),
    );
    if (!refused) return changed('/expert/roadshows', 'submitted');
    return this.roadshowList(user, { refusedEventId: params.id, form: body }, refused);
  }

  @Post('roadshows/:id/withdraw')
  async withdrawRoadshow(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
  ): Promise<PageAnswer> {
    const { refused } = await this.forms.attempt(request, () =>
      this.roadshows.withdraw(user, params.id),
    );
    if (!refused) return changed('/expert/roadshows', 'withdrawn');
    return this.roadshowList(user, {}, refused);
  }

  @Get('agenda')
  async agendaPage(@CurrentUser() user: AuthUser): Promise<PageAnswer> {
    const items = await this.agenda.presenting(user);
    return portalPage('expert', 'agenda', 'agenda', { items });
  }

  @Get('docking')
  dockingPage(@CurrentUser() user: AuthUser, @Query('done') done: unknown): Promise<PageAnswer> {
    return this.dockingList(user, { done: doneKey(done) });
  }

  @Post('docking/:id/answer')
  async answerMeeting(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const form = { dto: AnswerMeetingDto, input: body };
    const { refused, value } = await this.forms.submit(request, form, async (answer) => {
      await this.dockingMeetings.answer(user, params.id, answer);
      return answer.answer;
    });
    if (!refused) return changed('/expert/docking', value);
    return this.dockingList(user, { refusedId: params.id }, refused);
  }

  @Get('deals')
  dealsPage(@CurrentUser() user: AuthUser): Promise<PageAnswer> {
    return dealsPage('expert', this.deals, user);
  }

  private async roadshowList(user: AuthUser, data: object, refused?: Refusal) {
    const [calls, submissions, results, agenda] = await Promise.all([
      this.roadshows.openCalls(user),
      this.roadshows.mine(user),
      this.results.search(user, ALL_MINE),
      this.agenda.presenting(user),
    ]);
    const titles = await eventTitles(
      this.events,
      user,
      submissions.map((s) => s.eventId),
    );
    const slots = new Map(agenda.map((item) => [item.id, item]));
    const rows = submissions.map((s) => ({
      ...s,
      eventTitle: titles[s.eventId] ?? '',
      slot: s.agendaItemId ? slots.get(s.agendaItemId) : undefined,
      withdrawable: s.submittedBy === user.id && ['submitted', 'accepted'].includes(s.status),
    }));
    const page = { calls, results: results.items, submissions: rows, ...data };
    return portalPage('expert', 'roadshows', 'roadshows', page, refused);
  }

  private async dockingList(user: AuthUser, data: object, refused?: Refusal) {
    const meetings = await meetingRows(
      this.events,
      user,
      await this.dockingMeetings.myMeetings(user),
    );
    const rows = meetings.map((m) => ({
      ...m,
      answerable: m.status === 'requested' && m.counterpart.userId === user.id,
    }));
    return portalPage('expert', 'docking', 'docking', { meetings: rows, ...data }, refused);
  }
}
