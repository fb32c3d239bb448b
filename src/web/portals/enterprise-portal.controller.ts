import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { CONFIDENTIALITIES } from 'src/catalog/catalog-kinds';
import { CatalogError } from 'src/catalog/catalog.errors';
import { CreateNeedDto, UpdateNeedDto } from 'src/catalog/dto/need.dto';
import { NeedsService } from 'src/catalog/needs.service';
import { Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { DealsService } from 'src/deals/deals.service';
import { DockingMeetingsService } from 'src/docking/docking-meetings.service';
import { DockingSetupService } from 'src/docking/docking-setup.service';
import { RequestMeetingDto } from 'src/docking/dto/docking.dto';
import { EventsService } from 'src/events/events.service';
import { MatchingService } from 'src/matching/matching.service';
import { RegistrantsService } from 'src/registrations/registrants.service';
import { timeSpanOf } from 'src/web/local-time';
import { PageErrorFilter } from 'src/web/page-error.filter';
import { PageRenderer } from 'src/web/page-renderer';
import { Form, needForm, needInput, wanFields } from 'src/web/portals/portal-forms';
import { doneKey, meetingRows, PortalPages, seeOther } from 'src/web/portals/portal-page';

const ALL_MINE = { mine: true, limit: 100, offset: 0 };
const SUGGESTIONS = 10;

/** The enterprise portal: my needs and their matches, docking meetings, registrations and deals. */
@ApiExcludeController()
@Roles('enterprise')
@UseFilters(PageErrorFilter)
@Controller('enterprise')
export class EnterprisePortalController {
  private readonly portal: PortalPages;

  constructor(
    private readonly pages: PageRenderer,
    private readonly needs: NeedsService,
    private readonly matching: MatchingService,
    private readonly dockingSetup: DockingSetupService,
    private readonly dockingMeetings: DockingMeetingsService,
    private readonly registrants: RegistrantsService,
    private readonly deals: DealsService,
    private readonly events: EventsService,
  ) {
    this.portal = new PortalPages(pages, 'enterprise');
  }

  @Get()
  async overview(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const user = request.user!;
    const [needs, meetings, registrations] = await Promise.all([
      this.needs.search(user, ALL_MINE),
      this.dockingMeetings.myMeetings(user),
      this.registrants.mine(user),
    ]);
    const now = new Date();
    this.portal.send(reply, request, 'overview', 'overview', {
      counts: {
        needs: needs.total,
        published: needs.items.filter((n) => n.published).length,
        meetings: meetings.length,
        registrations: registrations.length,
      },
      waiting: meetings.filter((m) => m.status === 'requested' && m.requester.userId === user.id),
      upcoming: meetings.filter((m) => m.status === 'accepted' && m.endsAt > now),
    });
  }

  @Get('needs')
  async needList(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('done') done: unknown,
  ): Promise<void> {
    const page = await this.needs.search(request.user, ALL_MINE);
    this.portal.send(reply, request, 'needs', 'needs', { needs: page.items, done: doneKey(done) });
  }

  @Get('needs/new')
  newNeed(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.needEditor(reply, request, { form: { confidentiality: 'public' } });
  }

  @Post('needs')
  async createNeed(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: Form,
  ): Promise<void> {
    const refused = await this.portal.form(
      request,
      CreateNeedDto,
      needInput(body),
      async (value) => {
        await this.needs.create(request.user!, value);
        seeOther(reply, '/enterprise/needs', 'created');
      },
    );
    if (refused)
      this.needEditor(
        reply,
        request,
        { form: body, ...refused, fields: wanFields(refused.fields) },
        refused.status,
      );
  }

  @Get('needs/import')
  importPage(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.portal.importForm(reply, request, 'needs');
  }

  @Post('needs/import')
  async importNeeds(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<void> {
    await this.portal.importSheet(reply, request, 'needs', body, (sheet) =>
      this.needs.import(request.user!, sheet),
    );
  }

  @Get('needs/:id')
  async editNeed(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
  ): Promise<void> {
    const need = await this.ownNeed(request, params.id);
    this.needEditor(reply, request, { need, form: needForm(need) });
  }

  @Post('needs/:id')
  async updateNeed(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<void> {
    const need = await this.ownNeed(request, params.id);
    const refused = await this.portal.form(
      request,
      UpdateNeedDto,
      needInput(body),
      async (value) => {
        await this.needs.update(request.user!, params.id, value);
        seeOther(reply, '/enterprise/needs', 'saved');
      },
    );
    if (refused)
      this.needEditor(
        reply,
        request,
        { need, form: body, ...refused, fields: wanFields(refused.fields) },
        refused.status,
      );
  }

  @Post('needs/:id/publish')
  async publishNeed(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<void> {
    await this.portal.publish(reply, '/enterprise/needs', body, (published) =>
      this.needs.update(request.user!, params.id, { published }),
    );
  }

  @Get('needs/:id/matches')
  async matches(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
  ): Promise<void> {
    const need = await this.ownNeed(request, params.id);
    const [results, experts] = await Promise.all([
      this.matching.forNeed(request.user!, need.id, 'results', SUGGESTIONS),
      this.matching.forNeed(request.user!, need.id, 'experts', SUGGESTIONS),
    ]);
    const percent = <T extends { score: number }>(list: T[]) =>
      list.map((s) => ({ ...s, percent: Math.round(s.score * 100) }));
    this.portal.send(reply, request, 'matches', 'needs', {
      need,
      results: percent(results),
      experts: percent(experts),
    });
  }

  @Get('docking')
  async dockingPage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('done') done: unknown,
  ): Promise<void> {
    await this.dockingList(reply, request, { done: doneKey(done) });
  }

  @Post('docking/events/:id')
  async book(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<void> {
    const input = { ...body, ...timeSpanOf(body, this.pages.context(request).timeZone) };
    const refused = await this.portal.form(request, RequestMeetingDto, input, async (value) => {
      await this.dockingMeetings.request(request.user!, params.id, value);
      seeOther(reply, '/enterprise/docking', 'booked');
    });
    if (refused)
      await this.dockingList(
        reply,
        request,
        { refusedEventId: params.id, form: body, ...refused },
        refused.status,
      );
  }

  @Post('docking/:id/cancel')
  async cancelMeeting(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
  ): Promise<void> {
    const refused = await this.portal.action(request, () =>
      this.dockingMeetings.cancel(request.user!, params.id),
    );
    if (refused) await this.dockingList(reply, request, { ...refused }, refused.status);
    else seeOther(reply, '/enterprise/docking', 'cancelled');
  }

  @Get('registrations')
  async registrationList(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const registrations = await this.registrants.mine(request.user!);
    this.portal.send(reply, request, 'registrations', 'registrations', { registrations });
  }

  @Get('deals')
  async dealsPage(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.portal.dealsPage(reply, request, this.deals);
  }

  private async ownNeed(request: FastifyRequest, id: string) {
    // The service lets organizers read every need; the portal edits one's own.
    const need = await this.needs.get(request.user, id);
    if (need.ownerId !== request.user!.id) throw CatalogError.NEED_NOT_FOUND({ id });
    return need;
  }

  private needEditor(
    reply: FastifyReply,
    request: FastifyRequest,
    data: Record<string, unknown>,
    status = 200,
  ): void {
    const page = data.need ? 'need-edit' : 'need-new';
    this.portal.send(
      reply,
      request,
      page,
      'needs',
      { confidentialities: CONFIDENTIALITIES, ...data },
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
    const [sessions, meetings, needs] = await Promise.all([
      this.dockingSetup.mySessions(user),
      this.dockingMeetings.myMeetings(user),
      this.needs.search(user, ALL_MINE),
    ]);
    const withCounterparts = [];
    for (const session of sessions) {
      withCounterparts.push({
        ...session,
        counterparts: await this.dockingSetup.counterparts(user, session.id),
      });
    }
    const rows = await meetingRows(this.events, user, meetings);
    this.portal.send(
      reply,
      request,
      'docking',
      'docking',
      {
        sessions: withCounterparts,
        needs: needs.items,
        meetings: rows.map((m) => ({
          ...m,
          cancellable: m.status === 'requested' || m.status === 'accepted',
        })),
        ...data,
      },
      status,
    );
  }
}
