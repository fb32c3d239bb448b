import { Body, Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { NeedsService } from 'src/catalog/needs.service';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { DealsService } from 'src/deals/deals.service';
import { DockingMeetingsService } from 'src/docking/docking-meetings.service';
import { DockingSetupService } from 'src/docking/docking-setup.service';
import { RequestMeetingDto } from 'src/docking/dto/docking.dto';
import { EventsService } from 'src/events/events.service';
import { MatchingService } from 'src/matching/matching.service';
import { RegistrantsService } from 'src/registrations/registrants.service';
import { confirmFirst } from 'src/web/confirm';
import { Form, Forms, Refusal } from 'src/web/forms';
import { timeSpanOf } from 'src/web/local-time';
import { PageAnswer } from 'src/web/page-answer';
import { PageRenderer } from 'src/web/page-renderer';
import { PageController } from 'src/web/page-responder';
import {
  ALL_MINE,
  changed,
  dealsPage,
  doneKey,
  meetingRows,
  portalPage,
} from 'src/web/portals/portal-page';

const SUGGESTIONS = 10;

/** The enterprise portal: overview, matches, docking meetings, registrations and deals (needs: EnterpriseNeedsController). */
@PageController()
@Roles('enterprise')
@Controller('enterprise')
export class EnterprisePortalController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly forms: Forms,
    private readonly needs: NeedsService,
    private readonly matching: MatchingService,
    private readonly dockingSetup: DockingSetupService,
    private readonly dockingMeetings: DockingMeetingsService,
    private readonly registrants: RegistrantsService,
    private readonly deals: DealsService,
    private readonly events: EventsService,
  ) {}

  @Get()
  async overview(@CurrentUser() user: AuthUser): Promise<PageAnswer> {
    const [needs, meetings, registrations] = await Promise.all([
      this.needs.search(user, ALL_MINE),
      this.dockingMeetings.myMeetings(user),
      this.registrants.mine(user),
    ]);
    const now = new Date();
    return portalPage('enterprise', 'overview', 'overview', {
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

  @Get('needs/:id/matches')
  async matches(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<PageAnswer> {
    const need = await this.needs.own(user, params.id);
    const [results, experts] = await Promise.all([
      this.matching.forNeed(user, need.id, 'results', SUGGESTIONS),
      this.matching.forNeed(user, need.id, 'experts', SUGGESTIONS),
    ]);
    const percent = <T extends { score: number }>(list: T[]) =>
      list.map((s) => ({ ...s, percent: Math.round(s.score * 100) }));
    return portalPage('enterprise', 'matches', 'needs', {
      need,
      results: percent(results),
      experts: percent(experts),
    });
  }

  @Get('docking')
  dockingPage(@CurrentUser() user: AuthUser, @Query('done') done: unknown): Promise<PageAnswer> {
    return this.dockingList(user, { done: doneKey(done) });
  }

  @Post('docking/events/:id')
  async book(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const { timeZone } = this.pages.context(request);
    const form = { dto: RequestMeetingDto, input: { ...body, ...timeSpanOf(body, timeZone) } };
    const { refused } = await this.forms.submit(request, form, (value) =>
      this.dockingMeetings.request(user, params.id, value),
    );
    if (!refused) return changed('/enterprise/docking', 'booked');
    return this.dockingList(user, { refusedEventId: params.id, form: body }, refused);
  }

  @Post('docking/:id/cancel')
  async cancelMeeting(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const ask = confirmFirst(body, {
      question: 'confirm.cancelMeeting',
      name: typeof body?.who === 'string' ? body.who : '',
      button: 'confirm.cancelMeetingButton',
      action: `/enterprise/docking/${params.id}/cancel`,
      back: '/enterprise/docking',
    });
    if (ask) return ask;
    const { refused } = await this.forms.attempt(request, () =>
      this.dockingMeetings.cancel(user, params.id),
    );
    if (!refused) return changed('/enterprise/docking', 'cancelled');
    return this.dockingList(user, {}, refused);
  }

  @Get('registrations')
  async registrationList(@CurrentUser() user: AuthUser): Promise<PageAnswer> {
    const registrations = await this.registrants.mine(user);
    return portalPage('enterprise', 'registrations', 'registrations', { registrations });
  }

  @Get('deals')
  dealsPage(@CurrentUser() user: AuthUser): Promise<PageAnswer> {
    return dealsPage('enterprise', this.deals, user);
  }

  private async dockingList(user: AuthUser, data: object, refused?: Refusal) {
    const [sessions, meetings, needs] = await Promise.all([
      this.dockingSetup.mySessions(user),
      this.dockingMeetings.myMeetings(user),
      this.needs.search(user, ALL_MINE),
    ]);
    const withCounterparts = [];
    for (const session of sessions) {
      const counterparts = await this.dockingSetup.counterparts(user, session.id);
      withCounterparts.push({ ...session, counterparts });
    }
    const rows = (await meetingRows(this.events, user, meetings)).map((m) => ({
      ...m,
      cancellable: m.status === 'requested' || m.status === 'accepted',
    }));
    const page = { sessions: withCounterparts, needs: needs.items, meetings: rows, ...data };
    return portalPage('enterprise', 'docking', 'docking', page, refused);
  }
}
