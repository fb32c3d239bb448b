import { Body, Controller, Get, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Roles } from 'src/common/auth/decorators';
import { IdParamDto, SearchQueryDto } from 'src/common/dto';
import { isTimeZone } from 'src/common/time';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import {
  ChangeEventStatusDto,
  CopyEventDto,
  CreateEventDto,
  EventDto,
  UpdateEventDto,
} from 'src/events/dto/event.dto';
import { CreateSeriesDto } from 'src/events/dto/series.dto';
import { CoHosts } from 'src/events/co-hosts';
import { AddCoHostDto, CoHostParamsDto } from 'src/events/dto/co-host.dto';
import { EventsService } from 'src/events/events.service';
import { OrganizationQueryDto } from 'src/identity/dto/organization.dto';
import { OrganizationsService } from 'src/identity/organizations.service';
import { AuthService } from 'src/identity/auth.service';
import { textOf } from 'src/web/console/console-event';
import { EditorPage, editorPage, EditorState } from 'src/web/console/events/event-editor.page';
import { eventInput, EventForm, formOf } from 'src/web/console/events/event-form';
import { copyFormOf, copyInput, copyTyped } from 'src/web/console/events/event-copy';
import { Attempt, doneOf, Forms, Refusal } from 'src/web/forms';
import { confirmFirst } from 'src/web/confirm';
import { PUBLISH_AND_OPEN } from 'src/web/console/event-sections';
import { PageAnswer, PageView, seeOther, view } from 'src/web/page-answer';
import { PageRenderer } from 'src/web/page-renderer';
import { PageController } from 'src/web/page-responder';

const NOTICES = ['created', 'saved', 'status', 'copied', 'copiedTo', 'coHosts'] as const;
/** The platform's organizations to choose a co-host from, by name (the first 100, or those found). */
const organizationsNamed = (q?: string) =>
  Object.assign(new OrganizationQueryDto(), { limit: 100, q: q || undefined });
/** The text above a refused event form (or move). */
const REFUSED = 'console.event.refused';
/** The text above a refused copy. */
const COPY_REFUSED = 'console.event.copyRefused';

/** Creating and editing an event, and moving it along its lifecycle. */
@PageController()
@Roles('organizer')
@Controller('console/events')
export class EventEditorPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly forms: Forms,
    private readonly events: EventsService,
    private readonly auth: AuthService,
    private readonly coHosts: CoHosts,
    private readonly organizations: OrganizationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('new')
  newEvent(@Req() request: FastifyRequest, @CurrentUser() user: AuthUser): Promise<PageAnswer> {
    const form = { kind: 'roadshow', format: 'offline', visibility: 'public' };
    return this.editor(request, user, undefined, { form });
  }

  @Post('new')
  async create(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Body() body: EventForm,
  ): Promise<PageAnswer> {
    const typed: EventForm = { ...body };
    // A new event's times are read in the zone it is given, else the platform's.
    const given = typed.timeZone;
    const zone =
      typeof given === 'string' && isTimeZone(given) ? given : this.pages.context(request).timeZone;
    const read = { dto: CreateEventDto, input: eventInput(typed, false, zone) };
    const { value: event, refused } = await this.save(
      request,
      user,
      typed,
      read,
      (value) => value.organizationId,
      (value) => this.events.create(user, value),
    );
    if (!refused) return seeOther(`/console/events/${event.id}`, 'created');
    return this.editor(request, user, undefined, { form: typed, refused }, refused.status);
  }

  @Get(':id')
  async edit(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Query('done') done: unknown,
    @Query('coHostQ') coHostQ: unknown,
  ): Promise<PageAnswer> {
    const event = await this.events.managed(user, params.id);
    const state = { form: formOf(event), done: doneOf(done, NOTICES) };
    const coHostSearch = typeof coHostQ === 'string' ? coHostQ.trim().slice(0, 100) : undefined;
    return this.editor(request, user, event, { ...state, coHostSearch });
  }

  @Post(':id')
  async update(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: EventForm,
  ): Promise<PageAnswer> {
    const event = await this.events.managed(user, params.id);
    const typed: EventForm = { ...body };
    const read = { dto: UpdateEventDto, input: eventInput(typed, true, event.timeZone) };
    const { refused } = await this.save(
      request,
      user,
      typed,
      read,
      () => event.organizationId,
      (value) => this.events.update(user, event.id, value),
    );
    if (!refused) return seeOther(`/console/events/${event.id}`, 'saved');
    const form = { ...typed, capacity: event.capacity ?? '' };
    return this.editor(request, user, event, { form, refused }, refused.status);
  }

  /**
   * A new draft like this event (its agenda and rooms too), moved to the day and time given, or
   * keeping its times when none is: every problem of the form at once, beside its field.
   */
  @Post(':id/copy')
  async copy(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: EventForm,
  ): Promise<PageAnswer> {
    const event = await this.events.managed(user, params.id);
    const { input, problems } = copyInput(body ?? {}, toSchedule(event), new Date());
    const form = { dto: CopyEventDto, input, also: problems, refusedKey: COPY_REFUSED };
    const { value: copy, refused } = await this.forms.submit(request, form, (value) =>
      this.events.copy(user, event.id, value),
    );
    if (!refused)
      return seeOther(`/console/events/${copy.id}`, input.startsAt ? 'copiedTo' : 'copied');
    const state = { form: formOf(event), copyForm: copyTyped(body), copyRefusal: asCopy(refused) };
    return this.editor(request, user, event, state, refused.status);
  }

  @Post(':id/status')
  async changeStatus(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: EventForm,
  ): Promise<PageAnswer> {
    const event = await this.events.managed(user, params.id);
    if (body?.status === 'cancelled') {
      const ask = confirmFirst(body, {
        question: 'confirm.cancelEvent',
        name: event.title,
        button: 'confirm.cancelEventButton',
        action: `/console/events/${event.id}/status`,
        back: `/console/events/${event.id}`,
      });
      if (ask) return ask;
    }
    const input = { status: body?.status, reason: body?.reason };
    const { refused } =
      body?.status === PUBLISH_AND_OPEN
        ? await this.forms.attempt(request, () => this.events.publishAndOpen(user, event.id))
        : await this.forms.submit(
            request,
            { dto: ChangeEventStatusDto, input, refusedKey: REFUSED },
            (value) => this.events.changeStatus(user, event.id, value),
          );
    if (!refused) return seeOther(`/console/events/${event.id}`, 'status');
    // A move the DTO refused shows the API's code for it, as a service's refusal shows its own.
    const statusRefusal = { ...refused, code: refused.code ?? 'VALIDATION_FAILED' };
    return this.editor(
      request,
      user,
      event,
      { form: formOf(event), statusRefusal },
      refused.status,
    );
  }

  /** The organizers name a platform organization co-host of the event. */
  @Post(':id/co-hosts')
  async addCoHost(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: EventForm,
  ): Promise<PageAnswer> {
    const event = await this.events.managed(user, params.id);
    const input = { organizationId: body?.organizationId };
    const form = { dto: AddCoHostDto, input, refusedKey: REFUSED };
    const { refused } = await this.forms.submit(request, form, (value) =>
      this.coHosts.add(user, event.id, value.organizationId),
    );
    if (!refused) return seeOther(`/console/events/${event.id}`, 'coHosts');
    const state = { form: formOf(event), coHostRefusal: refused };
    return this.editor(request, user, event, state, refused.status);
  }

  @Post(':id/co-hosts/:organizationId/remove')
  async removeCoHost(
    @CurrentUser() user: AuthUser,
    @Param() params: CoHostParamsDto,
  ): Promise<PageAnswer> {
    await this.coHosts.remove(user, params.id, params.organizationId);
    return seeOther(`/console/events/${params.id}`, 'coHosts');
  }

  /**
   * Reads the event form with the API's `dto`, makes the new series typed beside it (if any) for
   * the event's organization, then saves the event in it: the first refusal shows on the form.
   */
  private async save<D extends object, T>(
    request: FastifyRequest,
    user: AuthUser,
    typed: EventForm,
    read: { dto: new () => D; input: unknown },
    organizationOf: (value: D) => string,
    save: (value: D) => Promise<T>,
  ): Promise<Attempt<T>> {
    const form = await this.forms.submit(request, { ...read, refusedKey: REFUSED }, (value) =>
      Promise.resolve(value),
    );
    if (form.refused) return { refused: form.refused };
    const value = form.value;
    const series = await this.newSeries(request, user, organizationOf(value), typed);
    if (series.refused) return { refused: series.refused };
    if (series.value) Object.assign(value, { seriesId: series.value });
    return this.forms.attempt(request, () => save(value));
  }

  /**
   * The new series typed beside the event (none when no name is typed), made for the event's
   * organization: its id, or the refusal of its name, shown beside the field it was typed in.
   */
  private async newSeries(
    request: FastifyRequest,
    user: AuthUser,
    organizationId: string,
    typed: EventForm,
  ): Promise<Attempt<string | undefined>> {
    const name = typed.newSeriesName;
    if (typeof name !== 'string' || name.trim() === '') return { value: undefined };
    const form = { dto: CreateSeriesDto, input: { organizationId, name }, refusedKey: REFUSED };
    const made = await this.forms.submit(request, form, (value) =>
      this.events.createSeries(user, value),
    );
    if (made.refused) return { refused: asNewSeries(made.refused) };
    // Made even if the event is refused next: the form then offers it as chosen.
    typed.seriesId = made.value.id;
    typed.newSeriesName = '';
    return { value: made.value.id };
  }

  private async editor(
    request: FastifyRequest,
    user: AuthUser,
    event: EventDto | undefined,
    state: EditorState,
    status?: number,
  ): Promise<PageView<EditorPage>> {
    const organizations = (await this.auth.me(user.id)).memberships.map((m) => m.organization);
    const series = await this.events.listSeries(
      user,
      Object.assign(new SearchQueryDto(), { limit: 100 }),
    );
    const text = textOf(this.pages, request);
    const coHosts = event ? await this.coHosts.of(event.id) : [];
    const query = organizationsNamed(state.coHostSearch);
    const platform = event ? await this.organizations.list(query) : undefined;
    const holds = {
      guestMinutes: this.config.registrationHoldMinutes,
      inviteeDays: this.config.invitationSeatHoldDays,
    };
    const choices = {
      organizations,
      series,
      coHosts,
      platformOrganizations: platform?.items,
      holds,
    };
    // The copy form offers a day (see suggestedCopyDay) until one was typed.
    const copyForm = state.copyForm ?? (event && copyFormOf(toSchedule(event), new Date()));
    const page = editorPage(event, choices, { ...state, copyForm }, text);
    return view('console/event', page, { status });
  }
}

/** The service's refusal of a copy's start, beside the copy form's day. */
function asCopy(refused: Refusal): Refusal {
  const field = (name: string) => (name === 'startsAt' ? 'copyDay' : name);
  const fields = Object.entries(refused.fields).map(([name, text]) => [field(name), text]);
  return { ...refused, fields: Object.fromEntries(fields) as Record<string, string> };
}

/** An event's start and zone as the copy form reads them. */
const toSchedule = (event: EventDto) => ({
  startsAt: new Date(event.startsAt),
  timeZone: event.timeZone,
});

/** A refusal of the new series' name, as the event form's field `newSeriesName`. */
function asNewSeries(refused: Refusal): Refusal {
  const field = (name: string) => (name === 'name' ? 'newSeriesName' : name);
  const fields = Object.entries(refused.fields).map(([name, text]) => [field(name), text]);
  return { ...refused, fields: Object.fromEntries(fields) as Record<string, string> };
}
