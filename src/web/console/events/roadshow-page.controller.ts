import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AgendaService } from 'src/agenda/agenda.service';
import { Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { FieldProblem } from 'src/common/errors/domain-error';
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
import { doneOf, readForm } from 'src/web/forms';
import { PageErrorFilter } from 'src/web/page-error.filter';
import { PageRenderer } from 'src/web/page-renderer';
import { fromWallClock, toWallClock } from 'src/common/time';
import { timeSpanOf } from 'src/web/local-time';
import {
  consoleEventOf,
  Done,
  expertsOf,
  Form,
  notingConflict,
  refusalOf,
  SeenConflict,
  submitProgramForm,
} from 'src/web/console/events/program-page';
import { checkedOf, listOf } from 'src/web/form-values';

export class RoadshowParamsDto {
  @IsUUID()
  id!: string;

  @IsUUID()
  roadshowId!: string;
}

const DONE = ['call-saved', 'call-closed', 'reviewers', 'accepted', 'rejected', 'scheduled'];

/**
 * Roadshow review: the call (its window and fields), the submissions with their reviews and mean
 * score, reviewers, the decision, and the accepted ones put on the agenda (RoadshowsService).
 */
@ApiExcludeController()
@Roles('organizer')
@UseFilters(PageErrorFilter)
@Controller('console/events/:id/roadshows')
export class RoadshowPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly access: EventAccess,
    private readonly roadshows: RoadshowsService,
    private readonly agenda: AgendaService,
    private readonly users: UsersService,
  ) {}

  @Get()
  async page(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Query() query: Form,
  ): Promise<void> {
    await this.show(reply, request, params.id, { done: doneOf(query.done, DONE) });
  }

  @Post('call')
  async setCall(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<void> {
    const { timeZone } = this.pages.context(request);
    const fields = listOf(body?.fields) ?? [];
    const typed = {
      opensAt: fromWallClock(body?.opensAt, timeZone),
      closesAt: fromWallClock(body?.closesAt, timeZone),
      fields,
      description: body?.description,
    };
    await this.submit(request, reply, params.id, 'call', body ?? {}, async () => {
      const form = await readForm(RoadshowCallDto, typed);
      if (!form.value) return form.problems;
      await this.roadshows.setCall(request.user!, params.id, form.value);
      return 'call-saved';
    });
  }

  /** Closes the call now, keeping its opening time, fields and description. */
  @Post('call/close')
  async closeCall(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
  ): Promise<void> {
    await this.submit(request, reply, params.id, 'call', {}, async () => {
      const call = await this.roadshows.call(request.user, params.id);
      await this.roadshows.setCall(request.user!, params.id, { ...call, closesAt: new Date() });
      return 'call-closed';
    });
  }

  @Post(':roadshowId/reviewers')
  async reviewers(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: RoadshowParamsDto,
    @Body() body: Form,
  ): Promise<void> {
    const typed = { reviewerIds: checkedOf(body?.reviewerIds) };
    await this.submit(request, reply, params.id, params.roadshowId, typed, async () => {
      const form = await readForm(AssignReviewersDto, typed);
      if (!form.value) return form.problems;
      await this.roadshows.assignReviewers(request.user!, params.roadshowId, form.value);
      return 'reviewers';
    });
  }

  @Post(':roadshowId/decision')
  async decide(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: RoadshowParamsDto,
    @Body() body: Form,
  ): Promise<void> {
    const typed = { decision: body?.decision, note: body?.note };
    await this.submit(request, reply, params.id, params.roadshowId, typed, async () => {
      const form = await readForm(DecideRoadshowDto, typed);
      if (!form.value) return form.problems;
      const decided = await this.roadshows.decide(request.user!, params.roadshowId, form.value);
      return decided.status === 'accepted' ? 'accepted' : 'rejected';
    });
  }

  @Post(':roadshowId/schedule')
  async schedule(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: RoadshowParamsDto,
    @Body() body: Form,
  ): Promise<void> {
    const { timeZone } = this.pages.context(request);
    const typed = {
      ...timeSpanOf(body, timeZone),
      room: body?.room,
    };
    await this.submit(request, reply, params.id, params.roadshowId, body ?? {}, async (seen) => {
      const form = await readForm(ScheduleRoadshowDto, typed);
      if (!form.value) return form.problems;
      const input = form.value;
      await notingConflict(seen, () =>
        this.roadshows.schedule(request.user!, params.roadshowId, input),
      );
      return 'scheduled';
    });
  }

  private async submit(
    request: FastifyRequest,
    reply: FastifyReply,
    eventId: string,
    formName: string,
    shown: Form,
    action: (seen: SeenConflict) => Promise<Done | FieldProblem[]>,
  ): Promise<void> {
    const path = `/console/events/${eventId}/roadshows`;
    const refused = await submitProgramForm(this.pages, request, reply, path, action);
    if (refused)
      await this.show(
        reply,
        request,
        eventId,
        {
          ...refusalOf(formName, shown, refused),
          conflict: refused.conflict,
          conflictFor: formName,
        },
        refused.status,
      );
  }

  private async show(
    reply: FastifyReply,
    request: FastifyRequest,
    eventId: string,
    data: Form,
    status = 200,
  ): Promise<void> {
    const user = request.user!;
    const context = this.pages.context(request);
    const consoleEvent = await consoleEventOf(this.access, user, eventId);
    const call = await this.roadshows.call(user, eventId).catch((error: unknown) => {
      if (toDomainError(error)?.code === 'ROADSHOW_CALL_NOT_FOUND') return undefined;
      throw error;
    });
    const experts = await expertsOf(this.users);
    const nameOf = (id: string) => experts.find((e) => e.id === id)?.name ?? '—';
    const refused = (data.refused ?? {}) as Record<string, Form | undefined>;
    const eventStart = toWallClock(consoleEvent.startsAt, context.timeZone);
    const { items } = await this.agenda.agenda(user, eventId);
    // A scheduled roadshow's form starts from its place on the agenda; a new one from the event's start.
    const scheduleDefaults = (agendaItemId: string | null): Form => {
      const item = items.find((i) => i.id === agendaItemId);
      return item
        ? {
            startsAt: toWallClock(item.startsAt, context.timeZone),
            endsAt: toWallClock(item.endsAt, context.timeZone),
            room: item.room ?? '',
          }
        : { startsAt: eventStart, endsAt: eventStart };
    };
    const submissions = (await this.roadshows.list(user, eventId)).map((roadshow) => ({
      ...roadshow,
      presenterNames: roadshow.presenterIds.map(nameOf),
      submitterName: nameOf(roadshow.submittedBy),
      reviewerIds: (roadshow.reviews ?? []).map((r) => r.reviewerId),
      refused: refused[roadshow.id],
      scheduleForm:
        (refused[roadshow.id]?.form as Form | undefined) ?? scheduleDefaults(roadshow.agendaItemId),
      conflict: data.conflictFor === roadshow.id ? data.conflict : undefined,
    }));
    const callForm = (refused.call?.form as Form | undefined) ?? {
      opensAt: call ? toWallClock(call.opensAt, context.timeZone) : '',
      closesAt: call ? toWallClock(call.closesAt, context.timeZone) : '',
      fields: call?.fields.join('、') ?? '',
      description: call?.description ?? '',
    };
    this.pages.send(
      reply,
      request,
      'program/roadshows',
      {
        title: this.pages.text(context, 'program.roadshows.title'),
        consoleEvent,
        call,
        callForm,
        submissions,
        experts,
        ...data,
      },
      status,
    );
  }
}
