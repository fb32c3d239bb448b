import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AGENDA_ITEM_KINDS } from 'src/agenda/agenda-kinds';
import { AgendaService } from 'src/agenda/agenda.service';
import { AgendaItemDto, CreateAgendaItemDto, UpdateAgendaItemDto } from 'src/agenda/dto/agenda.dto';
import { Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { FieldProblem } from 'src/common/errors/domain-error';
import { EventAccess } from 'src/events/event-access';
import { UsersService } from 'src/identity/users.service';
import { doneOf, readForm } from 'src/web/forms';
import { PageErrorFilter } from 'src/web/page-error.filter';
import { PageRenderer } from 'src/web/page-renderer';
import { toWallClock } from 'src/common/time';
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
import { checkedOf } from 'src/web/form-values';

export class AgendaItemParamsDto {
  @IsUUID()
  id!: string;

  @IsUUID()
  itemId!: string;
}

const DONE = ['added', 'saved', 'removed', 'published', 'moved'];

/**
 * The agenda builder: items by room in time order, added, edited, moved and removed through the
 * agenda service, whose refusals (a room or presenter taken) name the item in the way.
 */
@ApiExcludeController()
@Roles('organizer')
@UseFilters(PageErrorFilter)
@Controller('console/events/:id/agenda')
export class AgendaPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly access: EventAccess,
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
    await this.show(reply, request, params.id, {
      done: doneOf(query.done, DONE),
      editing: typeof query.edit === 'string' ? query.edit : undefined,
    });
  }

  @Post()
  async add(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<void> {
    const typed = { kind: body?.kind, ...this.typedItem(request, body) };
    await this.submit(request, reply, params.id, 'add', shownItem(body), async (seen) => {
      const form = await readForm(CreateAgendaItemDto, typed);
      if (!form.value) return form.problems;
      const input = form.value;
      await notingConflict(seen, () => this.agenda.create(request.user!, params.id, input));
      return 'added';
    });
  }

  @Post('publish')
  async publish(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
  ): Promise<void> {
    await this.submit(request, reply, params.id, 'publish', {}, async () => {
      await this.agenda.publish(request.user!, params.id);
      return 'published';
    });
  }

  @Post(':itemId')
  async edit(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: AgendaItemParamsDto,
    @Body() body: Form,
  ): Promise<void> {
    const typed = this.typedItem(request, body);
    await this.submit(
      request,
      reply,
      params.id,
      'edit',
      { ...shownItem(body), id: params.itemId },
      async (seen) => {
        const form = await readForm(UpdateAgendaItemDto, typed);
        if (!form.value) return form.problems;
        const input = form.value;
        await notingConflict(seen, () => this.agenda.update(request.user!, params.itemId, input));
        return 'saved';
      },
      { editing: params.itemId },
    );
  }

  @Post(':itemId/delete')
  async remove(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: AgendaItemParamsDto,
  ): Promise<void> {
    await this.submit(request, reply, params.id, 'list', {}, async () => {
      await this.agenda.remove(request.user!, params.itemId);
      return 'removed';
    });
  }

  /** A visit stop one place earlier or later: the whole order goes to the service's reorder. */
  @Post(':itemId/move')
  async move(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: AgendaItemParamsDto,
    @Body() body: Form,
  ): Promise<void> {
    await this.submit(request, reply, params.id, 'list', {}, async () => {
      const { items } = await this.agenda.agenda(request.user, params.id);
      const stops = items.filter((i) => i.kind === 'visit_stop').map((i) => i.id);
      const from = stops.indexOf(params.itemId);
      const to = from + (body?.direction === 'up' ? -1 : 1);
      if (from >= 0 && to >= 0 && to < stops.length) {
        [stops[from], stops[to]] = [stops[to], stops[from]];
        await this.agenda.reorder(request.user!, params.id, { itemIds: stops });
      }
      return 'moved';
    });
  }

  /** The item form as typed (but the kind, which only a new item takes), its wall-clock times read in the platform's time zone. */
  private typedItem(request: FastifyRequest, body: Form): Form {
    const { timeZone } = this.pages.context(request);
    return {
      title: body?.title,
      room: body?.room,
      description: body?.description,
      ...timeSpanOf(body, timeZone),
      presenterIds: checkedOf(body?.presenterIds),
    };
  }

  /** Runs a form's action: back to the page with its notice, or the page with the refusal. */
  private async submit(
    request: FastifyRequest,
    reply: FastifyReply,
    eventId: string,
    formName: string,
    typed: Form,
    action: (seen: SeenConflict) => Promise<Done | FieldProblem[]>,
    extra: Form = {},
  ): Promise<void> {
    const path = `/console/events/${eventId}/agenda`;
    const refused = await submitProgramForm(this.pages, request, reply, path, action);
    if (refused)
      await this.show(
        reply,
        request,
        eventId,
        { ...refusalOf(formName, typed, refused), conflict: refused.conflict, ...extra },
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
    const agenda = await this.agenda.agenda(user, eventId);
    const experts = await expertsOf(this.users);
    const wallClock = (item: AgendaItemDto) => ({
      ...item,
      startsAtInput: toWallClock(item.startsAt, context.timeZone),
      endsAtInput: toWallClock(item.endsAt, context.timeZone),
      presenterIdList: item.presenters.map((p) => p.userId),
    });
    const stops = agenda.items.filter((i) => i.kind === 'visit_stop');
    const editItem = agenda.items.map(wallClock).find((i) => i.id === data.editing);
    this.pages.send(
      reply,
      request,
      'program/agenda',
      {
        title: this.pages.text(context, 'program.agenda.title'),
        consoleEvent,
        agenda,
        rooms: byRoom(agenda.items.filter((i) => i.kind !== 'visit_stop')).map((room) => ({
          ...room,
          items: room.items.map(wallClock),
        })),
        stops: stops.map((stop, i) => ({
          ...wallClock(stop),
          first: i === 0,
          last: i === stops.length - 1,
        })),
        kinds: AGENDA_ITEM_KINDS,
        experts,
        itemForm: this.itemForm(consoleEvent, editItem, data, context.timeZone),
        ...data,
      },
      status,
    );
  }

  /** The one item form of the page: editing an item (`?edit=`), else adding one. */
  private itemForm(
    event: { id: string; startsAt: Date },
    editItem: (AgendaItemDto & { startsAtInput: string; endsAtInput: string }) | undefined,
    data: Form,
    timeZone: string,
  ): Form {
    const refused = (data.refused ?? {}) as Record<string, Form | undefined>;
    const base = `/console/events/${event.id}/agenda`;
    if (editItem) {
      const typed = refused.edit ?? {
        form: {
          ...editItem,
          startsAt: editItem.startsAtInput,
          endsAt: editItem.endsAtInput,
          presenterIds: editItem.presenters.map((p) => p.userId),
        },
      };
      return { action: `${base}/${editItem.id}`, editing: editItem, ...typed };
    }
    const start = toWallClock(event.startsAt, timeZone);
    return { action: base, ...(refused.add ?? { form: { startsAt: start, endsAt: start } }) };
  }
}

/** The item form as the page shows it again: as typed, presenters as a list. */
function shownItem(body: Form): Form {
  return { ...body, presenterIds: checkedOf(body?.presenterIds) };
}

/** Items grouped by room (the ones without a room last), each room in time order. */
function byRoom(items: AgendaItemDto[]): { room: string | null; items: AgendaItemDto[] }[] {
  const rooms = new Map<string | null, AgendaItemDto[]>();
  for (const item of [...items].sort((a, b) => +new Date(a.startsAt) - +new Date(b.startsAt))) {
    rooms.set(item.room, [...(rooms.get(item.room) ?? []), item]);
  }
  return [...rooms.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b, 'zh-CN')))
    .map(([room, roomItems]) => ({ room, items: roomItems }));
}
