import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { CapacityDto, RegistrationQueryDto } from 'src/registrations/dto/registration.dto';
import {
  REGISTRATION_STATUSES,
  REGISTRATION_LIFECYCLE,
  RegistrationStatus,
} from 'src/registrations/registration-status';
import { RegistrantsService } from 'src/registrations/registrants.service';
import { RegistrationsService } from 'src/registrations/registrations.service';
import { SeatAllocationService } from 'src/registrations/seat-allocation.service';
import { CodedRefusal, filtersOf, pager, runAction } from 'src/web/console/console-actions';
import { EventsService } from 'src/events/events.service';
import { EventItemParamsDto, navOf } from 'src/web/console/console-event';
import { doneOf, problemLines, readForm, Refusal, submitThenDone } from 'src/web/forms';
import { PageErrorFilter } from 'src/web/page-error.filter';
import { PageRenderer } from 'src/web/page-renderer';

const PAGE_SIZE = 50;
/** The waiting list shown in full up to this many people (the table has the rest). */
const WAITLIST_SHOWN = 100;
const NOTICES = ['approved', 'rejected', 'cancelled', 'capacity'] as const;

interface RegistrationsState extends Partial<Refusal> {
  refusal?: CodedRefusal;
  capacity?: unknown;
  done?: string;
}

/** A typed number of seats as the DTO reads it: empty is unlimited (null). */
function seatsOf(typed: unknown): unknown {
  if (typeof typed !== 'string' || typed.trim() === '') return null;
  return /^\d+$/.test(typed.trim()) ? Number(typed) : typed;
}

/** An event's registrants: approving, rejecting, cancelling, the waiting list and its seats, export. */
@ApiExcludeController()
@Roles('organizer')
@UseFilters(PageErrorFilter)
@Controller('console/events/:id/registrations')
export class RegistrantsPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly registrations: RegistrationsService,
    private readonly registrants: RegistrantsService,
    private readonly seats: SeatAllocationService,
    private readonly events: EventsService,
  ) {}

  @Get()
  async page(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Query('done') done: unknown,
  ): Promise<void> {
    await this.render(request, reply, params.id, { done: doneOf(done, NOTICES) });
  }

  /** Seats added give places to the waiting list first (the service promotes them in order). */
  @Post('capacity')
  async capacity(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const page = {
      path: `/console/events/${params.id}/registrations`,
      done: 'capacity',
      refusedKey: 'console.registrations.capacityRefused',
    };
    const refused = await submitThenDone(this.pages, request, reply, page, async () => {
      const form = await readForm(CapacityDto, { capacity: seatsOf(body?.capacity) });
      if (!form.value) return form.problems;
      await this.seats.setCapacity(request.user!, params.id, form.value);
      return [];
    });
    if (refused)
      await this.render(
        request,
        reply,
        params.id,
        { capacity: body?.capacity, ...refused },
        refused.status,
      );
  }

  @Post(':itemId/approve')
  async approve(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: EventItemParamsDto,
  ): Promise<void> {
    await this.act(request, reply, params, 'approved', (user) =>
      this.registrations.approve(user, params.itemId),
    );
  }

  @Post(':itemId/reject')
  async reject(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: EventItemParamsDto,
  ): Promise<void> {
    await this.act(request, reply, params, 'rejected', (user) =>
      this.registrations.reject(user, params.itemId),
    );
  }

  @Post(':itemId/cancel')
  async cancel(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: EventItemParamsDto,
  ): Promise<void> {
    await this.act(request, reply, params, 'cancelled', (user) =>
      this.registrations.cancel(user, params.itemId),
    );
  }

  private async act(
    request: FastifyRequest,
    reply: FastifyReply,
    params: EventItemParamsDto,
    done: (typeof NOTICES)[number],
    action: (user: AuthUser) => Promise<unknown>,
  ): Promise<void> {
    const { locale } = this.pages.context(request);
    const path = `/console/events/${params.id}/registrations`;
    const refusal = await runAction(reply, locale, { path, done }, () => action(request.user!));
    if (refusal) await this.render(request, reply, params.id, { refusal }, refusal.status);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    eventId: string,
    state: RegistrationsState,
    status = 200,
  ): Promise<void> {
    const user = request.user!;
    const context = this.pages.context(request);
    const event = await this.events.managed(user, eventId);
    const query = await readForm(RegistrationQueryDto, {
      ...filtersOf(request, ['status', 'q', 'offset']),
      limit: PAGE_SIZE,
    });
    const filters = query.value ?? Object.assign(new RegistrationQueryDto(), { limit: PAGE_SIZE });
    const list = await this.registrants.list(user, event.id, filters);
    const countOf = async (status: RegistrationStatus, limit = 1) =>
      this.registrants.list(
        user,
        event.id,
        Object.assign(new RegistrationQueryDto(), { status, limit }),
      );
    const waitlist = await countOf('waitlisted', WAITLIST_SHOWN);
    const confirmed = await countOf('confirmed');
    const pending = await countOf('pending');
    const can = (from: RegistrationStatus, to: RegistrationStatus) =>
      REGISTRATION_LIFECYCLE.can(from, to);
    const path = `/console/events/${event.id}/registrations`;
    this.pages.send(
      reply,
      request,
      'console/registrations',
      {
        title: this.pages.text(context, 'console.registrations.title', { event: event.title }),
        section: 'registrations',
        consoleEvent: navOf(event),
        event,
        statuses: REGISTRATION_STATUSES,
        filter: { status: filters.status ?? '', q: filters.q ?? '' },
        filterProblems: problemLines(query.problems, context.locale),
        registrations: list.items.map((registration) => ({
          ...registration,
          // Approving or rejecting is a decision on a pending registration only.
          decidable: registration.status === 'pending',
          cancellable: can(registration.status, 'cancelled'),
        })),
        pager: pager(path, { status: filters.status, q: filters.q }, list),
        counts: { confirmed: confirmed.total, waitlisted: waitlist.total, pending: pending.total },
        waitlist: waitlist.items,
        capacity: state.capacity ?? event.capacity ?? '',
        exports: [
          { format: 'csv', href: `/api/events/${event.id}/registrations.csv` },
          { format: 'xlsx', href: `/api/events/${event.id}/registrations.xlsx` },
        ],
        scripts: ['console-export'],
        ...state,
      },
      status,
    );
  }
}
