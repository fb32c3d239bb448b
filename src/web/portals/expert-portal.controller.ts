import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AgendaService } from 'src/agenda/agenda.service';
import { COOPERATION_MODES } from 'src/catalog/catalog-kinds';
import { CatalogError } from 'src/catalog/catalog.errors';
import { CreateResultDto, UpdateResultDto } from 'src/catalog/dto/result.dto';
import { ResultsService } from 'src/catalog/results.service';
import { Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { DealsService } from 'src/deals/deals.service';
import { DockingMeetingsService } from 'src/docking/docking-meetings.service';
import { AnswerMeetingDto } from 'src/docking/dto/docking.dto';
import { EventsService } from 'src/events/events.service';
import { SubmitRoadshowDto } from 'src/roadshows/dto/roadshow.dto';
import { RoadshowsService } from 'src/roadshows/roadshows.service';
import { Refusal } from 'src/web/forms';
import { PageErrorFilter } from 'src/web/page-error.filter';
import { PageRenderer } from 'src/web/page-renderer';
import { Form, resultForm, resultInput, wanFields } from 'src/web/portals/portal-forms';
import {
  doneKey,
  eventTitles,
  meetingRows,
  PortalPages,
  seeOther,
} from 'src/web/portals/portal-page';

const READINESS_LEVELS = [1, 2, 3, 4, 5, 6, 7, 8, 9];
/** Enough of one's own results to choose from in a form. */
const ALL_MINE = { mine: true, limit: 100, offset: 0 };

/** The expert portal: my results, roadshows, agenda, docking requests and deals. */
@ApiExcludeController()
@Roles('expert')
@UseFilters(PageErrorFilter)
@Controller('expert')
export class ExpertPortalController {
  private readonly portal: PortalPages;

  constructor(
    pages: PageRenderer,
    private readonly results: ResultsService,
    private readonly roadshows: RoadshowsService,
    private readonly agenda: AgendaService,
    private readonly dockingMeetings: DockingMeetingsService,
    private readonly deals: DealsService,
    private readonly events: EventsService,
  ) {
    this.portal = new PortalPages(pages, 'expert');
  }

  @Get()
  async overview(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const user = request.user!;
    const [results, roadshows, meetings, agenda] = await Promise.all([
      this.results.search(user, ALL_MINE),
      this.roadshows.mine(user),
      this.dockingMeetings.myMeetings(user),
      this.agenda.presenting(user),
    ]);
    const awaiting = meetings.filter(
      (m) => m.status === 'requested' && m.counterpart.userId === user.id,
    );
    const decided = roadshows.filter((r) => r.status === 'accepted' || r.status === 'rejected');
    this.portal.send(reply, request, 'overview', 'overview', {
      counts: {
        results: results.total,
        published: results.items.filter((r) => r.published).length,
        roadshows: roadshows.length,
        agenda: agenda.length,
      },
      awaiting,
      decided,
    });
  }

  @Get('results')
  async resultList(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('done') done: unknown,
  ): Promise<void> {
    const page = await this.results.search(request.user, ALL_MINE);
    this.portal.send(reply, request, 'results', 'results', {
      results: page.items,
      done: doneKey(done),
    });
  }

  @Get('results/new')
  newResult(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.resultEditor(reply, request, { form: { readinessLevel: '' } });
  }

  @Post('results')
  async createResult(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: Form,
  ): Promise<void> {
    const refused = await this.portal.form(
      request,
      CreateResultDto,
      resultInput(body),
      async (value) => {
        await this.results.create(request.user!, value);
        seeOther(reply, '/expert/results', 'created');
      },
    );
    if (refused) this.resultEditor(reply, request, this.refusedForm(body, refused), refused.status);
  }

  @Get('results/import')
  importPage(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.portal.importForm(reply, request, 'results');
  }

  @Post('results/import')
  async importResults(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<void> {
    await this.portal.importSheet(reply, request, 'results', body, (sheet) =>
      this.results.import(request.user!, sheet),
    );
  }

  @Get('results/:id')
  async editResult(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
  ): Promise<void> {
    const result = await this.ownResult(request, params.id);
    this.resultEditor(reply, request, { result, form: resultForm(result) });
  }

  @Post('results/:id')
  async updateResult(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<void> {
    const result = await this.ownResult(request, params.id);
    const refused = await this.portal.form(
      request,
      UpdateResultDto,
      resultInput(body),
      async (value) => {
        await this.results.update(request.user!, params.id, value);
        seeOther(reply, '/expert/results', 'saved');
      },
    );
    if (refused)
      this.resultEditor(
        reply,
        request,
        { result, ...this.refusedForm(body, refused) },
        refused.status,
      );
  }

  @Post('results/:id/publish')
  async publishResult(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<void> {
    await this.portal.publish(reply, '/expert/results', body, (published) =>
      this.results.update(request.user!, params.id, { published }),
    );
  }

  @Get('roadshows')
  async roadshowPage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('done') done: unknown,
  ): Promise<void> {
    await this.roadshowList(reply, request, { done: doneKey(done) });
  }

  @Post('roadshows/events/:id')
  async submitRoadshow(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<void> {
    const refused = await this.portal.form(request, SubmitRoadshowDto, body, async (value) => {
      await this.roadshows.submit(request.user!, params.id, value);
      seeOther(reply, '/expert/roadshows', 'submitted');
    });
    if (refused)
      await this.roadshowList(
        reply,
        request,
        { refusedEventId: params.id, form: body, ...refused },
        refused.status,
      );
  }

  @Post('roadshows/:id/withdraw')
  async withdrawRoadshow(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
  ): Promise<void> {
    const refused = await this.portal.action(request, () =>
      this.roadshows.withdraw(request.user!, params.id),
    );
    if (refused) await this.roadshowList(reply, request, { ...refused }, refused.status);
    else seeOther(reply, '/expert/roadshows', 'withdrawn');
  }

  @Get('agenda')
  async agendaPage(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const items = await this.agenda.presenting(request.user!);
    this.portal.send(reply, request, 'agenda', 'agenda', { items });
  }

  @Get('docking')
  async dockingPage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('done') done: unknown,
  ): Promise<void> {
    await this.dockingList(reply, request, { done: doneKey(done) });
  }

  @Post('docking/:id/answer')
  async answerMeeting(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<void> {
    let answer: AnswerMeetingDto['answer'] = 'accepted';
    const refused = await this.portal.form(request, AnswerMeetingDto, body, async (value) => {
      answer = value.answer;
      await this.dockingMeetings.answer(request.user!, params.id, value);
    });
    if (refused)
      await this.dockingList(reply, request, { refusedId: params.id, ...refused }, refused.status);
    else seeOther(reply, '/expert/docking', answer);
  }

  @Get('deals')
  async dealsPage(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.portal.dealsPage(reply, request, this.deals);
  }

  private async ownResult(request: FastifyRequest, id: string) {
    // The service lets organizers read every result; the portal edits one's own.
    const result = await this.results.get(request.user, id);
    if (result.ownerId !== request.user!.id) throw CatalogError.RESULT_NOT_FOUND({ id });
    return result;
  }

  private refusedForm(body: Form, refused: Refusal): Record<string, unknown> {
    return {
      form: { ...body, cooperationModes: resultInput(body).cooperationModes },
      ...refused,
      fields: wanFields(refused.fields),
    };
  }

  private resultEditor(
    reply: FastifyReply,
    request: FastifyRequest,
    data: Record<string, unknown>,
    status = 200,
  ): void {
    const page = data.result ? 'result-edit' : 'result-new';
    this.portal.send(
      reply,
      request,
      page,
      'results',
      { readinessLevels: READINESS_LEVELS, cooperationModes: COOPERATION_MODES, ...data },
      status,
    );
  }

  private async roadshowList(
    reply: FastifyReply,
    request: FastifyRequest,
    data: Record<string, unknown>,
    status = 200,
  ): Promise<void> {
    const user = request.user!;
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
    this.portal.send(
      reply,
      request,
      'roadshows',
      'roadshows',
      {
        calls,
        results: results.items,
        submissions: submissions.map((s) => ({
          ...s,
          eventTitle: titles[s.eventId] ?? '',
          slot: s.agendaItemId ? slots.get(s.agendaItemId) : undefined,
          withdrawable: s.submittedBy === user.id && ['submitted', 'accepted'].includes(s.status),
        })),
        ...data,
      },
      status,
    );
  }

  private async dockingList(
    reply: FastifyReply,
    request: FastifyRequest,
    data: Record<string, unknown>,
    status = 200,
  ): Promise<void> {
    const user = request.user!;
    const meetings = await meetingRows(
      this.events,
      user,
      await this.dockingMeetings.myMeetings(user),
    );
    this.portal.send(
      reply,
      request,
      'docking',
      'docking',
      {
        meetings: meetings.map((m) => ({
          ...m,
          answerable: m.status === 'requested' && m.counterpart.userId === user.id,
        })),
        ...data,
      },
      status,
    );
  }
}
