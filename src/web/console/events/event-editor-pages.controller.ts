import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { Roles } from 'src/common/auth/decorators';
import { IdParamDto, SearchQueryDto } from 'src/common/dto';
import { FieldProblem } from 'src/common/errors/domain-error';
import {
  ChangeEventStatusDto,
  CreateEventDto,
  EventDto,
  UpdateEventDto,
} from 'src/events/dto/event.dto';
import { CreateSeriesDto } from 'src/events/dto/series.dto';
import { EVENT_FORMATS, EVENT_KINDS, VISIBILITIES } from 'src/events/event-kinds';
import { EVENT_LIFECYCLE } from 'src/events/event-status';
import { EventsService } from 'src/events/events.service';
import { AuthService } from 'src/identity/auth.service';
import { CodedRefusal, runAction } from 'src/web/console/console-actions';
import { navOf } from 'src/web/console/console-event';
import { eventInput, EventForm, formOf, questionRows } from 'src/web/console/events/event-form';
import { doneOf, problemLines, readForm, redirectDone, Refusal, submitForm } from 'src/web/forms';
import { PageErrorFilter } from 'src/web/page-error.filter';
import { PageRenderer } from 'src/web/page-renderer';
import { isTimeZone } from 'src/common/time';

const NOTICES = ['created', 'saved', 'status'] as const;

/** Extra things an editor page may show: a refused form, a refused status move, a notice. */
interface EditorState extends Partial<Refusal> {
  form: EventForm;
  statusRefusal?: CodedRefusal;
  done?: string;
}

/** Creating and editing an event, and moving it along its lifecycle. */
@ApiExcludeController()
@Roles('organizer')
@UseFilters(PageErrorFilter)
@Controller('console/events')
export class EventEditorPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly events: EventsService,
    private readonly auth: AuthService,
  ) {}

  @Get('new')
  async newEvent(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = { kind: 'roadshow', format: 'offline', visibility: 'public' };
    await this.editor(request, reply, undefined, { form });
  }

  @Post('new')
  async create(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: EventForm,
  ): Promise<void> {
    const user = request.user!;
    const typed: EventForm = { ...body };
    const refused = await this.submit(request, async () => {
      // A new event's times are read in the zone it is given, else the platform's.
      const given = typed.timeZone;
      const zone =
        typeof given === 'string' && isTimeZone(given)
          ? given
          : this.pages.context(request).timeZone;
      const form = await readForm(CreateEventDto, eventInput(typed, false, zone));
      if (!form.value) return form.problems;
      const seriesProblems = await this.newSeries(
        user,
        form.value.organizationId,
        typed,
        form.value,
      );
      if (seriesProblems.length > 0) return seriesProblems;
      const event = await this.events.create(user, form.value);
      redirectDone(reply, `/console/events/${event.id}`, 'created');
      return [];
    });
    if (refused)
      await this.editor(request, reply, undefined, { form: typed, ...refused }, refused.status);
  }

  @Get(':id')
  async edit(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Query('done') done: unknown,
  ): Promise<void> {
    const event = await this.events.managed(request.user!, params.id);
    await this.editor(request, reply, event, {
      form: formOf(event),
      done: doneOf(done, NOTICES),
    });
  }

  @Post(':id')
  async update(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Body() body: EventForm,
  ): Promise<void> {
    const user = request.user!;
    const event = await this.events.managed(user, params.id);
    const typed: EventForm = { ...body };
    const refused = await this.submit(request, async () => {
      const form = await readForm(UpdateEventDto, eventInput(typed, true, event.timeZone));
      if (!form.value) return form.problems;
      const seriesProblems = await this.newSeries(user, event.organizationId, typed, form.value);
      if (seriesProblems.length > 0) return seriesProblems;
      await this.events.update(user, event.id, form.value);
      redirectDone(reply, `/console/events/${event.id}`, 'saved');
      return [];
    });
    if (refused) {
      const state = { form: { ...typed, capacity: event.capacity ?? '' }, ...refused };
      await this.editor(request, reply, event, state, refused.status);
    }
  }

  @Post(':id/status')
  async changeStatus(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Body() body: EventForm,
  ): Promise<void> {
    const user = request.user!;
    const event = await this.events.managed(user, params.id);
    const context = this.pages.context(request);
    const move = await readForm(ChangeEventStatusDto, {
      status: body?.status,
      reason: body?.reason,
    });
    const value = move.value;
    const refusal = value
      ? await runAction(
          reply,
          context.locale,
          { path: `/console/events/${event.id}`, done: 'status' },
          () => this.events.changeStatus(user, event.id, value),
        )
      : {
          code: 'VALIDATION_FAILED',
          problem: this.pages.text(context, 'console.event.refused'),
          details: problemLines(move.problems, context.locale).map((line) => line.message),
          status: 400,
        };
    if (refusal)
      await this.editor(
        request,
        reply,
        event,
        { form: formOf(event), statusRefusal: refusal },
        refusal.status,
      );
  }

  private submit(
    request: FastifyRequest,
    action: () => Promise<FieldProblem[]>,
  ): Promise<Refusal | undefined> {
    const context = this.pages.context(request);
    return submitForm(context.locale, this.pages.text(context, 'console.event.refused'), action);
  }

  /**
   * The new series typed beside the event (if any), made for the event's organization and chosen
   * in `input`: the problems of its name, else none.
   */
  private async newSeries(
    user: AuthUser,
    organizationId: string,
    typed: EventForm,
    input: { seriesId?: string },
  ): Promise<FieldProblem[]> {
    if (typeof typed.newSeriesName !== 'string' || typed.newSeriesName.trim() === '') return [];
    const series = await readForm(CreateSeriesDto, { organizationId, name: typed.newSeriesName });
    if (!series.value)
      return series.problems.map((p) => ({
        ...p,
        field: p.field === 'name' ? 'newSeriesName' : p.field,
      }));
    const created = await this.events.createSeries(user, series.value);
    // Made even if the event is refused next: the form then offers it as chosen.
    typed.seriesId = created.id;
    typed.newSeriesName = '';
    input.seriesId = created.id;
    return [];
  }

  private async editor(
    request: FastifyRequest,
    reply: FastifyReply,
    event: EventDto | undefined,
    state: EditorState,
    status = 200,
  ): Promise<void> {
    const user = request.user!;
    const context = this.pages.context(request);
    const organizations = (await this.auth.me(user.id)).memberships.map((m) => m.organization);
    const own = new Set(organizations.map((o) => o.id));
    const allSeries = await this.events.listSeries(
      Object.assign(new SearchQueryDto(), { limit: 100 }),
    );
    const series = allSeries.filter(
      (s) => own.has(s.organizationId) || s.organizationId === event?.organizationId,
    );
    const title = event
      ? this.pages.text(context, 'console.event.editTitle', { event: event.title })
      : this.pages.text(context, 'console.event.newTitle');
    this.pages.send(
      reply,
      request,
      'console/event',
      {
        title,
        section: event ? 'event' : 'new-event',
        consoleEvent: event ? navOf(event) : undefined,
        event,
        moves: event ? EVENT_LIFECYCLE.next(event.status) : [],
        action: event ? `/console/events/${event.id}` : '/console/events/new',
        kinds: EVENT_KINDS,
        formats: EVENT_FORMATS,
        visibilities: VISIBILITIES,
        organizations,
        singleOrganization: organizations.length === 1 ? organizations[0] : undefined,
        series,
        questions: questionRows(state.form),
        ...state,
      },
      status,
    );
  }
}
