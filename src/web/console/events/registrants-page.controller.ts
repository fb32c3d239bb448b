import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { EventsService } from 'src/events/events.service';
import {
  CapacityDto,
  RegistrationDto,
  RegistrationQueryDto,
} from 'src/registrations/dto/registration.dto';
import { REGISTRATION_STATUSES, RegistrationStatus } from 'src/registrations/registration-status';
import { RegistrantsService } from 'src/registrations/registrants.service';
import { RegistrationsService } from 'src/registrations/registrations.service';
import { SeatAllocationService } from 'src/registrations/seat-allocation.service';
import { EventListPages, EventListSpec, ListState } from 'src/web/console/events/event-list-pages';
import {
  registrationExports,
  registrationRow,
  seatsOf,
} from 'src/web/console/events/event-lists.page';
import { Form, Forms, Refusal } from 'src/web/forms';
import { PageAnswer, PageView, seeOther, view } from 'src/web/page-answer';
import { PageController } from 'src/web/page-responder';
import { PageRenderer } from 'src/web/page-renderer';

/** The waiting list shown in full up to this many people (the table has the rest). */
const WAITLIST_SHOWN = 100;

/** What the registrations page may show besides the list: a refused number of seats, as typed. */
interface RegistrationsState extends ListState, Partial<Refusal> {
  capacity?: unknown;
}

/** An event's registrants: approving, rejecting, cancelling, the waiting list and its seats, export. */
@PageController()
@Roles('organizer')
@Controller('console/events/:id/registrations')
export class RegistrantsPageController extends EventListPages<
  RegistrationQueryDto,
  RegistrationDto
> {
  protected readonly spec: EventListSpec<RegistrationQueryDto, RegistrationDto> = {
    section: 'registrations',
    titleKey: 'console.registrations.title',
    notices: ['approved', 'rejected', 'cancelled', 'capacity'],
    actions: {
      approve: { done: 'approved', run: (user, id) => this.registrations.approve(user, id) },
      reject: { done: 'rejected', run: (user, id) => this.registrations.reject(user, id) },
      cancel: {
        done: 'cancelled',
        run: (user, id) => this.registrations.cancel(user, id),
        confirm: {
          question: 'confirm.cancelRegistration',
          button: 'confirm.cancelRegistrationButton',
        },
      },
    },
    query: RegistrationQueryDto,
    filters: ['status', 'q'],
    read: (user, eventId, query) => this.registrants.list(user, eventId, query),
    right: 'admit',
  };

  constructor(
    protected readonly forms: Forms,
    protected readonly pages: PageRenderer,
    protected readonly events: EventsService,
    private readonly registrations: RegistrationsService,
    private readonly registrants: RegistrantsService,
    private readonly seats: SeatAllocationService,
  ) {
    super();
  }

  /** Seats added give places to the waiting list first (the service promotes them in order). */
  @Post('capacity')
  async capacity(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const form = {
      dto: CapacityDto,
      input: { capacity: seatsOf(body?.capacity) },
      refusedKey: 'console.registrations.capacityRefused',
    };
    const { refused } = await this.forms.submit(request, form, (value) =>
      this.seats.setCapacity(user, params.id, value),
    );
    if (!refused) return seeOther(this.pathOf(params.id), 'capacity');
    const state = { capacity: body?.capacity, ...refused };
    return this.show(request, user, params.id, state, refused.status);
  }

  protected async show(
    request: FastifyRequest,
    user: AuthUser,
    eventId: string,
    state: RegistrationsState,
    status?: number,
  ): Promise<PageView> {
    const { head, query, items } = await this.listed(request, user, eventId);
    const { event } = head;
    const countOf = (status: RegistrationStatus, limit = 1) =>
      this.registrants.list(
        user,
        event.id,
        Object.assign(new RegistrationQueryDto(), { status, limit }),
      );
    const waitlist = await countOf('waitlisted', WAITLIST_SHOWN);
    const confirmed = await countOf('confirmed');
    const pending = await countOf('pending');
    return view(
      'console/registrations',
      {
        ...head,
        statuses: REGISTRATION_STATUSES,
        filter: { status: query.status ?? '', q: query.q ?? '' },
        registrations: items.map(registrationRow),
        counts: { confirmed: confirmed.total, waitlisted: waitlist.total, pending: pending.total },
        waitlist: waitlist.items,
        capacity: state.capacity ?? event.capacity ?? '',
        exports: registrationExports(event.id, this.pages.context(request).locale),
        scripts: ['console-export'],
        ...state,
      },
      { status },
    );
  }
}
