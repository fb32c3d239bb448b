import { Right } from 'src/access/rights';
import { Brackets } from 'typeorm';
import { Inject, Injectable } from '@nestjs/common';
import { AuthUser } from 'src/common/auth/auth-user';
import { SearchQueryDto } from 'src/common/dto';
import { FieldProblem } from 'src/common/errors/domain-error';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { escapeLike } from 'src/database/sql';
import {
  ChangeEventStatusDto,
  CreateEventDto,
  EventDto,
  EventPageDto,
  EventQueryDto,
  QuestionDto,
  UpdateEventDto,
  CopyEventDto,
} from 'src/events/dto/event.dto';
import { RegistrationQuestion } from 'src/events/event-kinds';
import { CreateSeriesDto, SeriesDto } from 'src/events/dto/series.dto';
import { Event } from 'src/events/event.entity';
import { EventSeries } from 'src/events/event-series.entity';
import { EVENT_LIFECYCLE, EventStatus } from 'src/events/event-status';
import {
  copiedDetails,
  copyStartProblems,
  holdsInviteesSeatsByDefault,
  draftAgendaShift,
  publishProblems,
  timeZoneProblems,
  questionProblems,
  scheduleProblems,
} from 'src/events/event-rules';
import { EventError } from 'src/events/events.errors';
import { EventAccess } from 'src/events/event-access';
import { inOrganizations } from 'src/events/event-queries';
import { organizationAndBelow } from 'src/identity/identity-queries';
import { EventChanged } from 'src/events/event-changed';
import { DraftEventMoved, EventCopied } from 'src/events/event-copied';
import { DomainEvents } from 'src/database/domain-events';
import { SeatLedger } from 'src/events/seat-ledger';
import { Tx } from 'src/database/tx';
import { moveStatus } from 'src/database/move-status';
import { Audit, changes } from 'src/audit/audit';

/** Changes registrants must hear of: their reminders move with them. */
const TOLD_FIELDS = [
  'startsAt',
  'endsAt',
  'title',
  'venueAddress',
  'venueRoom',
  'reminderOffsetsMinutes',
] as const;

function toSeriesDto(s: EventSeries): SeriesDto {
  const { id, organizationId, name, description, createdAt } = s;
  return { id, organizationId, name, description, createdAt };
}

export function toEventDto(e: Event): EventDto {
  return {
    id: e.id,
    seriesId: e.seriesId,
    organizationId: e.organizationId,
    kind: e.kind,
    format: e.format,
    visibility: e.visibility,
    status: e.status,
    title: e.title,
    summary: e.summary,
    hosts: e.hosts,
    coOrganizers: e.coOrganizers,
    industryFields: e.industryFields,
    venueAddress: e.venueAddress,
    venueRoom: e.venueRoom,
    streamUrl: e.streamUrl,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    timeZone: e.timeZone,
    capacity: e.capacity,
    registrationOpensAt: e.registrationOpensAt,
    registrationClosesAt: e.registrationClosesAt,
    sectorQuotas: e.sectorQuotas,
    questions: e.questions,
    guestsConfirm: e.guestsConfirm,
    invitationsHoldSeats: e.invitationsHoldSeats,
    reminderOffsetsMinutes: e.reminderOffsetsMinutes,
    cancellationReason: e.cancellationReason,
    agendaPublishedAt: e.agendaPublishedAt,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

@Injectable()
export class EventsService {
  constructor(
    private readonly tx: Tx,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: EventAccess,
    private readonly seats: SeatLedger,
    private readonly domainEvents: DomainEvents,
    private readonly audit: Audit,
  ) {}

  async createSeries(user: AuthUser, input: CreateSeriesDto): Promise<SeriesDto> {
    await this.access.assertOrganizerOf(user, input.organizationId);
    const repository = this.tx.repository(EventSeries);
    const series = await repository.save(
      repository.create({
        organizationId: input.organizationId,
        name: input.name,
        description: input.description ?? '',
      }),
    );
    return toSeriesDto(series);
  }

  /** The series with an event anyone may see, and those of the organizations one is an insider of. */
  async listSeries(user: AuthUser | undefined, query: SearchQueryDto): Promise<SeriesDto[]> {
    const qb = this.tx.repository(EventSeries).createQueryBuilder('s');
    qb.where(await this.seriesVisibleTo(user));
    if (query.q) qb.andWhere('s.name ILIKE :q', { q: `%${escapeLike(query.q)}%` });
    const rows = await qb
      .orderBy('s.createdAt', 'DESC')
      .skip(query.offset)
      .take(query.limit)
      .getMany();
    return rows.map(toSeriesDto);
  }

  async getSeries(user: AuthUser | undefined, id: string): Promise<SeriesDto> {
    const series = await this.tx
      .repository(EventSeries)
      .createQueryBuilder('s')
      .where('s.id = :id', { id })
      .andWhere(await this.seriesVisibleTo(user))
      .getOne();
    if (!series) throw EventError.SERIES_NOT_FOUND({ id });
    return toSeriesDto(series);
  }

  /** Series (`s`) the user may know of: with a public event, or of an organization they are inside. */
  private async seriesVisibleTo(user: AuthUser | undefined): Promise<Brackets> {
    const insiders = await this.access.insidersOf(user);
    return new Brackets((qb) => {
      qb.where(
        `EXISTS (SELECT 1 FROM event e WHERE e.series_id = s.id
                  AND e.status <> 'draft' AND e.visibility <> 'closed_door')`,
      );
      if (insiders === 'all') qb.orWhere('true');
      else if (insiders.length > 0) qb.orWhere('s.organization_id IN (:...insiders)', { insiders });
    });
  }

  async create(user: AuthUser, input: CreateEventDto): Promise<EventDto> {
    await this.access.assertOrganizerOf(user, input.organizationId);
    if (input.seriesId) await this.assertSeriesOf(input.seriesId, input.organizationId);
    const event = this.tx.repository(Event).create({
      ...input,
      seriesId: input.seriesId ?? null,
      summary: input.summary ?? '',
      hosts: input.hosts ?? [],
      coOrganizers: input.coOrganizers ?? [],
      industryFields: input.industryFields ?? [],
      venueAddress: input.venueAddress ?? null,
      venueRoom: input.venueRoom ?? null,
      streamUrl: input.streamUrl ?? null,
      timeZone: input.timeZone ?? this.config.defaultTimeZone,
      capacity: input.capacity ?? null,
      registrationOpensAt: input.registrationOpensAt ?? null,
      registrationClosesAt: input.registrationClosesAt ?? null,
      sectorQuotas: { ...input.sectorQuotas },
      questions: (input.questions ?? []).map(toQuestion),
      guestsConfirm: input.guestsConfirm ?? false,
      invitationsHoldSeats:
        input.invitationsHoldSeats ?? holdsInviteesSeatsByDefault(input.visibility),
      reminderOffsetsMinutes: input.reminderOffsetsMinutes ?? [1440, 60],
      status: 'draft',
      cancellationReason: null,
      createdBy: user.id,
    });
    this.assertConsistent(event);
    return this.tx.run(async (manager) => {
      const saved = await manager.save(event);
      await this.seats.setCapacity(saved.id, saved.capacity);
      await this.audit.record({
        subject: 'event',
        subjectId: saved.id,
        action: 'created',
        actorId: user.id,
        before: null,
        after: { ...input },
      });
      return toEventDto(saved);
    });
  }

  async update(user: AuthUser, id: string, input: UpdateEventDto): Promise<EventDto> {
    return this.tx.run(async (manager) => {
      const event = await this.access.editableEvent(user, id, true);
      if (input.seriesId) await this.assertSeriesOf(input.seriesId, event.organizationId);
      const { before, after } = changes(event, input as Partial<Event>);
      const agendaShift = draftAgendaShift(event, input.startsAt);
      const { questions, sectorQuotas, ...fields } = input;
      Object.assign(event, fields);
      if (sectorQuotas) event.sectorQuotas = { ...sectorQuotas };
      if (questions) event.questions = questions.map(toQuestion);
      this.assertConsistent(event);
      const saved = await manager.save(event);
      if (agendaShift !== 0) await this.domainEvents.publish(new DraftEventMoved(id, agendaShift));
      if (Object.keys(after).length > 0) {
        await this.audit.record({
          subject: 'event',
          subjectId: id,
          action: 'updated',
          actorId: user.id,
          before,
          after,
        });
      }
      if (TOLD_FIELDS.some((field) => field in input))
        await this.domainEvents.publish(new EventChanged(saved));
      return toEventDto(saved);
    });
  }

  /** Moves the event along its lifecycle; an illegal move is a 409 naming both statuses. */
  async changeStatus(user: AuthUser, id: string, input: ChangeEventStatusDto): Promise<EventDto> {
    const event = await this.access.managedEvent(user, id);
    EVENT_LIFECYCLE.assertMove(event.status, input.status);
    if (input.status === 'published') {
      const missing = publishProblems(event);
      if (missing.length > 0) throw EventError.EVENT_INCOMPLETE({}, missing);
    }
    const reason = input.status === 'cancelled' ? { cancellationReason: input.reason ?? null } : {};
    await this.move(id, input.status, user.id, reason);
    return this.get(user, id);
  }

  /**
   * A new draft with the event's details, its times moved to `startsAt` (else kept, to be set on
   * the draft), and the agenda's rooms and items moved as far through `EventCopied`. Nobody
   * registered or invited comes along; nothing of the original changes.
   */
  async copy(user: AuthUser, id: string, input: CopyEventDto = {}): Promise<EventDto> {
    return this.tx.run(async (manager) => {
      const from = await this.access.managedEvent(user, id);
      const problems = copyStartProblems(input.startsAt, new Date());
      if (problems.length > 0) throw EventError.EVENT_INVALID_SCHEDULE({}, problems);
      const shiftMs = input.startsAt ? input.startsAt.getTime() - from.startsAt.getTime() : 0;
      const details = { ...copiedDetails(from, shiftMs), status: 'draft' as const };
      const copy = await manager.save(manager.create(Event, { ...details, createdBy: user.id }));
      await this.seats.setCapacity(copy.id, copy.capacity);
      await this.audit.record({
        subject: 'event',
        subjectId: copy.id,
        action: 'created',
        actorId: user.id,
        before: null,
        after: { copiedFrom: id },
      });
      await this.domainEvents.publish(new EventCopied(id, copy.id, shiftMs));
      return toEventDto(copy);
    });
  }

  /**
   * The everyday path in one action: a draft published with its registration open, both moves or
   * neither (a draft missing what publishing needs is refused as publishing alone is).
   */
  async publishAndOpen(user: AuthUser, id: string): Promise<EventDto> {
    return this.tx.run(async () => {
      await this.changeStatus(user, id, { status: 'published' });
      return this.changeStatus(user, id, { status: 'registration_open' });
    });
  }

  /**
   * The event goes live with the first live session `actorId` starts (the caller has checked that
   * they may): nothing happens when it is live already.
   */
  async goLive(id: string, actorId: string): Promise<void> {
    await this.tx.run(async (manager) => {
      const event = await manager.findOneByOrFail(Event, { id });
      if (event.status !== 'live') await this.move(id, 'live', actorId);
    });
  }

  /**
   * Conditional on a status the lifecycle allows: of two concurrent moves one wins, the other is
   * refused. The move is in the audit log; those who follow events hear of the ends of their lives
   * (cancelled, concluded).
   */
  private async move(
    id: string,
    to: EventStatus,
    actorId: string,
    set: Partial<Event> = {},
  ): Promise<void> {
    await this.tx.run(async (manager) => {
      const { status: from } = await manager.findOneOrFail(Event, {
        where: { id },
        select: { id: true, status: true },
        lock: { mode: 'pessimistic_write' },
      });
      await moveStatus(manager, Event, EVENT_LIFECYCLE, { id, to, set });
      await this.audit.record({
        subject: 'event',
        subjectId: id,
        action: 'status',
        actorId,
        before: { status: from },
        after: { status: to, ...set },
      });
      if (to === 'cancelled' || to === 'concluded') {
        await this.domainEvents.publish(
          new EventChanged(await manager.findOneByOrFail(Event, { id })),
        );
      }
    });
  }

  async list(user: AuthUser | undefined, query: EventQueryDto): Promise<EventPageDto> {
    const insiders = await this.access.insidersOf(user);
    const qb = this.access.visibleEvents(user, insiders);
    if (query.managed)
      qb.andWhere(...inOrganizations('e.organizationId', await this.access.managedBy(user)));
    if (query.inside) qb.andWhere(...inOrganizations('e.organizationId', insiders));
    if (query.organizationId)
      qb.andWhere(...organizationAndBelow('e.organizationId', query.organizationId));
    if (query.kind) qb.andWhere('e.kind = :kind', { kind: query.kind });
    if (query.field) qb.andWhere(':field = ANY(e.industryFields)', { field: query.field });
    if (query.seriesId) qb.andWhere('e.seriesId = :seriesId', { seriesId: query.seriesId });
    if (query.status) qb.andWhere('e.status = :status', { status: query.status });
    if (query.from) qb.andWhere('e.endsAt >= :from', { from: query.from });
    if (query.to) qb.andWhere('e.startsAt < :to', { to: query.to });
    if (query.q) {
      qb.andWhere('(e.title ILIKE :q OR e.summary ILIKE :q)', { q: `%${escapeLike(query.q)}%` });
    }
    const [rows, total] = await qb
      .orderBy('e.startsAt', query.order === 'desc' ? 'DESC' : 'ASC')
      .addOrderBy('e.id')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    return { items: rows.map(toEventDto), total, limit: query.limit, offset: query.offset };
  }

  /** The seats still free of these events (which the caller has already been allowed to list). */
  seatsLeft(events: Pick<EventDto, 'id' | 'capacity'>[]): Promise<Map<string, number>> {
    return this.seats.left(events.filter((e) => e.capacity !== null).map((e) => e.id));
  }

  /** The event, if the caller manages it (as organizer pages need): else 404 or 403. */
  async managed(user: AuthUser, id: string, right: Right = 'manage'): Promise<EventDto> {
    return toEventDto(await this.access.eventFor(user, id, right));
  }

  /** The event, if the caller may know it exists; 404 otherwise, never 403. */
  async get(user: AuthUser | undefined, id: string): Promise<EventDto> {
    return toEventDto((await this.access.visibleEvent(user, id)).event);
  }

  private assertConsistent(event: Event): void {
    const problems: FieldProblem[] = [
      ...scheduleProblems(event),
      ...questionProblems(event.questions),
      ...timeZoneProblems(event.timeZone),
    ];
    if (problems.length > 0) throw EventError.EVENT_INVALID_SCHEDULE({}, problems);
  }

  private async assertSeriesOf(seriesId: string, organizationId: string): Promise<void> {
    const series = await this.tx
      .repository(EventSeries)
      .findOneBy({ id: seriesId, organizationId });
    if (!series) throw EventError.SERIES_NOT_FOUND({ id: seriesId }).onField('seriesId');
  }
}

function toQuestion(q: QuestionDto): RegistrationQuestion {
  return {
    id: q.id,
    label: q.label,
    kind: q.kind,
    options: q.options ?? [],
    required: q.required ?? false,
  };
}
