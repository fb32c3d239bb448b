import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { InviteExpertsDto } from 'src/docking/dto/docking.dto';
import { DockingSetupService } from 'src/docking/docking-setup.service';
import { EventsService } from 'src/events/events.service';
import { DecideMatchDto, SuggestionDto } from 'src/matching/dto/match.dto';
import { MatchingService } from 'src/matching/matching.service';
import { FieldProblem } from 'src/common/errors/domain-error';
import { readForm, submitThenDone } from 'src/web/forms';
import { PageErrorFilter } from 'src/web/page-error.filter';
import { navOf } from 'src/web/console/console-event';
import { PageRenderer } from 'src/web/page-renderer';

type Form = Record<string, unknown>;

/** Suggestions shown per need and kind; confirmed pairs are found among a wider ranking. */
const SHOWN = 5;
const RANKED = 50;

/**
 * Matching for a precise-docking session: for each need brought to it, the ranked results and
 * expert teams with their reasons; the organizer confirms (or rejects) a pair and invites a
 * confirmed expert team to the session.
 */
@ApiExcludeController()
@Roles('organizer')
@UseFilters(PageErrorFilter)
@Controller('console/events/:id/matching')
export class MatchingPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly events: EventsService,
    private readonly matching: MatchingService,
    private readonly dockingSetup: DockingSetupService,
  ) {}

  @Get()
  async page(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Query('done') done?: string,
  ): Promise<void> {
    await this.matchingPage(reply, request, params.id, { done });
  }

  @Post('decide')
  async decide(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<void> {
    await this.submit(request, reply, params.id, body, async () => {
      const form = await readForm(DecideMatchDto, body);
      if (!form.value) return form.problems;
      await this.matching.decide(request.user!, form.value);
      return [];
    });
  }

  @Post('invite')
  async invite(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<void> {
    await this.submit(request, reply, params.id, body, async () => {
      const form = await readForm(InviteExpertsDto, { expertIds: [body?.expertId] });
      if (!form.value) return form.problems;
      await this.dockingSetup.inviteExperts(request.user!, params.id, form.value);
      return [];
    });
  }

  private async submit(
    request: FastifyRequest,
    reply: FastifyReply,
    eventId: string,
    body: Form,
    action: () => Promise<FieldProblem[]>,
  ): Promise<void> {
    const page = {
      path: `/console/events/${eventId}/matching`,
      done: typeof body?.done === 'string' ? body.done : 'saved',
      refusedKey: 'outcomes.refused',
    };
    const refused = await submitThenDone(this.pages, request, reply, page, action);
    if (!refused) return;
    const problems = Object.values(refused.fields);
    await this.matchingPage(reply, request, eventId, { refused, problems }, refused.status);
  }

  private async matchingPage(
    reply: FastifyReply,
    request: FastifyRequest,
    eventId: string,
    data: Record<string, unknown>,
    status = 200,
  ): Promise<void> {
    const user = request.user!;
    const event = await this.events.managed(user, eventId);
    const isSession = event.kind === 'precise_docking';
    const needs = isSession ? await this.dockingSetup.sessionNeeds(user, eventId) : [];
    const rows = [];
    for (const need of needs) {
      const [results, experts] = await Promise.all([
        this.matching.forNeed(user, need.id, 'results', RANKED),
        this.matching.forNeed(user, need.id, 'experts', RANKED),
      ]);
      rows.push({
        need,
        results: results.slice(0, SHOWN).map(shown),
        experts: experts.slice(0, SHOWN).map(shown),
        confirmed: [...results, ...experts].filter((s) => s.decision === 'confirmed').map(shown),
      });
    }
    const context = this.pages.context(request);
    this.pages.send(
      reply,
      request,
      'outcomes/matching',
      {
        title: this.pages.text(context, 'outcomes.matching.title', { event: event.title }),
        consoleEvent: navOf(event),
        event,
        isSession,
        needs: rows,
        ...data,
      },
      status,
    );
  }
}

/** A suggestion as a row: its score in percent, and the reasons it has. */
function shown(s: SuggestionDto) {
  return {
    ...s,
    percent: Math.round(s.score * 100),
    candidateField: s.kind === 'expert' ? 'expertId' : 'resultId',
  };
}
