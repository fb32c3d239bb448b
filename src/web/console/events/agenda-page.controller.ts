import { Body, Param, Post, Req } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { AgendaService } from 'src/agenda/agenda.service';
import { AgendaRooms } from 'src/agenda/agenda-rooms';
import { CreateAgendaItemDto, CreateRoomDto, UpdateAgendaItemDto } from 'src/agenda/dto/agenda.dto';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { EventAccess } from 'src/events/event-access';
import { UsersService } from 'src/identity/users.service';
import { EventItemParamsDto } from 'src/web/console/console-event';
import { AgendaPage, agendaPage, movedStops, shownItem } from 'src/web/console/events/agenda.page';
import {
  ConsoleEvent,
  EventPages,
  EventPagesController,
  EventPageSpec,
  EventPageState,
  expertsOf,
} from 'src/web/console/events/event-pages';
import { checkedOf } from 'src/web/form-values';
import { doneOf, Form, Forms } from 'src/web/forms';
import { timeSpanOf } from 'src/web/local-time';
import { PageAnswer } from 'src/web/page-answer';
import { PageRenderer } from 'src/web/page-renderer';

const DONE = ['added', 'saved', 'removed', 'published', 'moved', 'room-added'];

/** The agenda page shows one item's form: editing the item `editing`, else adding one. */
interface AgendaState extends EventPageState {
  editing?: string;
}

/**
 * The agenda builder: items by room in time order, added, edited, moved and removed through the
 * agenda service, whose refusals (a room or presenter taken) name the item in the way.
 */
@EventPagesController('agenda')
export class AgendaPageController extends EventPages<AgendaState> {
  protected readonly spec: EventPageSpec = {
    section: 'agenda',
    template: 'program/agenda',
    titleKey: 'program.agenda.title',
  };

  constructor(
    private readonly pages: PageRenderer,
    private readonly forms: Forms,
    protected readonly access: EventAccess,
    private readonly agenda: AgendaService,
    private readonly rooms: AgendaRooms,
    private readonly users: UsersService,
  ) {
    super();
  }

  @Post()
  async add(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const input = { kind: body?.kind, ...this.typedItem(request, body) };
    const attempt = await this.forms.submit(request, { dto: CreateAgendaItemDto, input }, (value) =>
      this.agenda.create(user, params.id, value),
    );
    const shown = { name: 'add', typed: shownItem(body) };
    return this.after(request, user, params.id, attempt, shown, 'added');
  }

  /** A room added to the event's list, to be chosen by its items. */
  @Post('rooms')
  async addRoom(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const input = { name: body?.name };
    const attempt = await this.forms.submit(request, { dto: CreateRoomDto, input }, (value) =>
      this.rooms.add(user, params.id, value.name),
    );
    const shown = { name: 'room', typed: { name: body?.name } };
    return this.after(request, user, params.id, attempt, shown, 'room-added');
  }

  @Post('publish')
  async publish(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
  ): Promise<PageAnswer> {
    const attempt = await this.forms.attempt(request, () => this.agenda.publish(user, params.id));
    return this.after(request, user, params.id, attempt, { name: 'publish' }, 'published');
  }

  @Post(':itemId')
  async edit(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: EventItemParamsDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const input = this.typedItem(request, body);
    const attempt = await this.forms.submit(request, { dto: UpdateAgendaItemDto, input }, (value) =>
      this.agenda.update(user, params.itemId, value),
    );
    const typed = { ...shownItem(body), id: params.itemId };
    const shown = { name: 'edit', typed, state: { editing: params.itemId } };
    return this.after(request, user, params.id, attempt, shown, 'saved');
  }

  @Post(':itemId/delete')
  async remove(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: EventItemParamsDto,
  ): Promise<PageAnswer> {
    const attempt = await this.forms.attempt(request, () =>
      this.agenda.remove(user, params.itemId),
    );
    return this.after(request, user, params.id, attempt, { name: 'list' }, 'removed');
  }

  /** A visit stop one place earlier or later: the whole order goes to the service's reorder. */
  @Post(':itemId/move')
  async move(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: EventItemParamsDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const attempt = await this.forms.attempt(request, async () => {
      const { items } = await this.agenda.agenda(user, params.id);
      const itemIds = movedStops(items, params.itemId, body?.direction);
      if (itemIds) await this.agenda.reorder(user, params.id, { itemIds });
    });
    return this.after(request, user, params.id, attempt, { name: 'list' }, 'moved');
  }

  protected stateOf(query: Form): AgendaState {
    const editing = typeof query.edit === 'string' ? query.edit : undefined;
    return { done: doneOf(query.done, DONE), editing };
  }

  protected async data(
    request: FastifyRequest,
    user: AuthUser,
    event: ConsoleEvent,
    state: AgendaState,
  ): Promise<AgendaPage> {
    const { timeZone } = this.pages.context(request);
    const agenda = await this.agenda.agenda(user, event.id);
    const experts = await expertsOf(this.users, user);
    const roomList = await this.rooms.of(event.id);
    const reading = { timeZone, editing: state.editing, refused: state.refused };
    return agendaPage(event, { agenda, experts, roomList }, reading);
  }

  /** The item form as typed (but the kind, which only a new item takes), its wall-clock times read in the platform's time zone. */
  private typedItem(request: FastifyRequest, body: Form): Form {
    const { timeZone } = this.pages.context(request);
    return {
      title: body?.title,
      // Chosen from the event's rooms; the empty choice is no room.
      roomId: typeof body?.roomId === 'string' && body.roomId !== '' ? body.roomId : null,
      description: body?.description,
      ...timeSpanOf(body, timeZone),
      presenterIds: checkedOf(body?.presenterIds),
    };
  }
}
