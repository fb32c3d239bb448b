import { Body, Param, Post, Req } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { DockingSetupService } from 'src/docking/docking-setup.service';
import { InviteExpertsDto } from 'src/docking/dto/docking.dto';
import { EventAccess } from 'src/events/event-access';
import { DecideMatchDto } from 'src/matching/dto/match.dto';
import { MatchingService } from 'src/matching/matching.service';
import {
  ConsoleEvent,
  EventPages,
  EventPagesController,
  EventPageSpec,
  EventPageState,
} from 'src/web/console/events/event-pages';
import { NeedRow, needRow, RANKED } from 'src/web/console/events/matching.page';
import { doneOf, Form, Forms } from 'src/web/forms';
import { PageAnswer } from 'src/web/page-answer';

/** What a matching form may announce (its hidden `done`); anything else announces `saved`. */
const DONE = ['confirmed', 'rejected', 'invited', 'saved'];

/**
 * Matching for a precise-docking session: for each need brought to it, the ranked results and
 * expert teams with their reasons; the organizer confirms (or rejects) a pair and invites a
 * confirmed expert team to the session. A refusal is shown above the needs.
 */
@EventPagesController('matching')
export class MatchingPagesController extends EventPages {
  protected readonly spec: EventPageSpec = {
    section: 'matching',
    template: 'outcomes/matching',
    titleKey: 'outcomes.matching.title',
  };

  constructor(
    private readonly forms: Forms,
    protected readonly access: EventAccess,
    private readonly matching: MatchingService,
    private readonly dockingSetup: DockingSetupService,
  ) {
    super();
  }

  @Post('decide')
  async decide(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const attempt = await this.forms.submit(
      request,
      { dto: DecideMatchDto, input: body },
      (value) => this.matching.decide(user, value),
    );
    const done = doneOf(body?.done, DONE) ?? 'saved';
    return this.after(request, user, params.id, attempt, { name: 'decide', typed: body }, done);
  }

  @Post('invite')
  async invite(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const input = { expertIds: [body?.expertId] };
    const attempt = await this.forms.submit(request, { dto: InviteExpertsDto, input }, (value) =>
      this.dockingSetup.inviteExperts(user, params.id, value),
    );
    const done = doneOf(body?.done, DONE) ?? 'saved';
    return this.after(request, user, params.id, attempt, { name: 'invite', typed: body }, done);
  }

  protected stateOf(query: Form): EventPageState {
    return { done: doneOf(query.done, DONE) };
  }

  protected async data(
    request: FastifyRequest,
    user: AuthUser,
    event: ConsoleEvent,
  ): Promise<{ isSession: boolean; needs: NeedRow[] }> {
    const isSession = event.kind === 'precise_docking';
    const needs = isSession ? await this.dockingSetup.sessionNeeds(user, event.id) : [];
    const rows = [];
    for (const need of needs) {
      const [results, experts] = await Promise.all([
        this.matching.forNeed(user, need.id, 'results', RANKED),
        this.matching.forNeed(user, need.id, 'experts', RANKED),
      ]);
      rows.push(needRow(need, results, experts));
    }
    return { isSession, needs: rows };
  }
}
