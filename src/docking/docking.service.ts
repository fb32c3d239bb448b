import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { itemTimesProblem } from 'src/agenda/agenda-rules';
import { canReadNeedDetails, mayEdit } from 'src/catalog/catalog-rules';
import { CatalogError } from 'src/catalog/catalog.errors';
import { NeedDto } from 'src/catalog/dto/need.dto';
import { ExpertProfile } from 'src/catalog/expert-profile.entity';
import { NeedsService, toNeedDto } from 'src/catalog/needs.service';
import { TechnicalNeed } from 'src/catalog/technical-need.entity';
import { AuthUser } from 'src/common/auth/auth-user';
import { isExclusionViolation, retryingDeadlocks } from 'src/database/postgres-errors';
import { DockingBooking } from 'src/docking/docking-booking.entity';
import { DockingMeeting } from 'src/docking/docking-meeting.entity';
import { DockingMessages } from 'src/docking/docking-messages';
import { DockingNeed } from 'src/docking/docking-need.entity';
import { DockingOutcome } from 'src/docking/docking-outcome.entity';
import { answeringSide, MEETING_LIFECYCLE } from 'src/docking/docking-status';
import { DockingTable } from 'src/docking/docking-table.entity';
import { DockingError } from 'src/docking/docking.errors';
import {
  AnswerMeetingDto,
  DockingTablesDto,
  InviteExpertsDto,
  MeetingDto,
  OutcomeDto,
  RequestMeetingDto,
  SuggestedExpertsDto,
} from 'src/docking/dto/docking.dto';
import { Event } from 'src/events/event.entity';
import { EventAccess, manages } from 'src/events/event-access';
import { EventError } from 'src/events/events.errors';
import { User } from 'src/identity/user.entity';
import { InviteResultDto } from 'src/invitations/dto/invitation.dto';
import { InvitationsService } from 'src/invitations/invitations.service';
import { MatchingService } from 'src/matching/matching.service';
import { Tx } from 'src/database/tx';
import { moveStatus } from 'src/database/move-status';

/** Who someone is at a session: an organizer of it, a participant, or (404) nobody. */
interface Seat {
  event: Event;
  manages: boolean;
}

/**
 * Closed-door precise docking (精准对接): enterprises bring needs, organizers invite the expert
 * teams matching suggests, the parties book 1:1 meetings at tables. Nothing of a session exists
 * for anyone but its participants (confirmed registrants) and organizers.
 */
@Injectable()
export class DockingService {
  constructor(
    private readonly tx: Tx,
    private readonly access: EventAccess,
    private readonly needs: NeedsService,
    private readonly matching: MatchingService,
    private readonly invitations: InvitationsService,
    private readonly messages: DockingMessages,
  ) {}

  async setTables(user: AuthUser, eventId: string, input: DockingTablesDto): Promise<string[]> {
    await this.tx.run(async (manager) => {
      await this.managed(user, eventId);
      await manager.delete(DockingTable, { eventId });
      await manager.insert(
        DockingTable,
        input.tables.map((name) => ({ eventId, name })),
      );
    });
    return input.tables;
  }

  /** The session's tables, by name (organizers). */
  async tables(user: AuthUser, eventId: string): Promise<string[]> {
    await this.managed(user, eventId);
    const tables = await this.tx
      .repository(DockingTable)
      .find({ where: { eventId }, order: { name: 'ASC' } });
    return tables.map((t) => t.name);
  }

  /** An enterprise brings one of its needs (organizers may bring any). */
  async submitNeed(user: AuthUser, eventId: string, needId: string): Promise<NeedDto[]> {
    await this.seat(user, eventId);
    const need = await this.tx.repository(TechnicalNeed).findOneBy({ id: needId });
    if (!need) throw CatalogError.NEED_NOT_FOUND({ id: needId }).onField('needId');
    if (!mayEdit(user, need)) throw DockingError.DOCKING_NEED_NOT_YOURS().onField('needId');
    await this.tx.manager
      .createQueryBuilder()
      .insert()
      .into(DockingNeed)
      .values({ eventId, needId })
      .orIgnore()
      .execute();
    return this.sessionNeeds(user, eventId);
  }

  /** The needs brought to the session, as each reader may see them. */
  async sessionNeeds(user: AuthUser, eventId: string): Promise<NeedDto[]> {
    await this.seat(user, eventId);
    const needs = await this.tx
      .repository(TechnicalNeed)
      .createQueryBuilder('n')
      .innerJoin(DockingNeed, 'd', 'd.needId = n.id AND d.eventId = :eventId', { eventId })
      .orderBy('n.title')
      .getMany();
    const dtos: NeedDto[] = [];
    for (const need of needs) {
      dtos.push(toNeedDto(need, canReadNeedDetails(need, await this.needs.readerOf(user, need))));
    }
    return dtos;
  }

  /** For organizers: for each need brought, the expert teams matching suggests. */
  async suggestions(user: AuthUser, eventId: string): Promise<SuggestedExpertsDto[]> {
    await this.managed(user, eventId);
    const needs = await this.tx.repository(DockingNeed).find({
      where: { eventId },
      relations: { need: true },
    });
    const result: SuggestedExpertsDto[] = [];
    for (const { need } of needs) {
      const experts = await this.matching.forNeed(user, need!.id, 'experts', 5);
      result.push({
        needId: need!.id,
        needTitle: need!.title,
        experts: experts.map((x) => ({
          id: x.id,
          name: x.title,
          organization: x.organization,
          score: x.score,
          words: x.reasons.words,
          decision: x.decision,
        })),
      });
    }
    return result;
  }

  /** Invites expert teams to the session by their profiles, as invitations of the event. */
  async inviteExperts(
    user: AuthUser,
    eventId: string,
    input: InviteExpertsDto,
  ): Promise<InviteResultDto> {
    await this.managed(user, eventId);
    const experts = await this.tx.repository(ExpertProfile).find({
      where: { id: In(input.expertIds) },
      relations: { user: true },
    });
    return this.invitations.invite(user, eventId, {
      invitees: experts.map((x) => ({
        name: x.name,
        email: x.user!.email,
        organizationName: x.institutionName,
        sector: 'academia',
        role: x.title ?? '专家',
        locale: x.user!.locale,
      })),
    });
  }

  async request(user: AuthUser, eventId: string, input: RequestMeetingDto): Promise<MeetingDto> {
    const { event } = await this.seat(user, eventId);
    const field = itemTimesProblem(input, event);
    if (field) throw DockingError.DOCKING_INVALID_TIMES().onField(field);
    const counterpart = await this.tx.repository(User).findOneBy({ id: input.counterpartId });
    if (
      !counterpart ||
      counterpart.id === user.id ||
      !(await this.participates(counterpart, eventId))
    ) {
      throw DockingError.DOCKING_NOT_PARTICIPANT().onField('counterpartId');
    }
    const id = await this.tx.run(async (manager) => {
      const meeting = manager.create(DockingMeeting, {
        eventId,
        requesterId: user.id,
        counterpartId: counterpart.id,
        needId: input.needId ?? null,
        tableName: null,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        status: 'requested',
        note: input.note ?? '',
      });
      await manager.insert(DockingMeeting, meeting);
      await this.messages.requested(event, meeting, user, counterpart);
      return meeting.id;
    });
    return this.meeting(user, id);
  }

  /**
   * The other side accepts (the meeting takes a free table and both parties' time, or 409) or
   * declines.
   */
  async answer(user: AuthUser, meetingId: string, input: AnswerMeetingDto): Promise<MeetingDto> {
    try {
      await retryingDeadlocks(() =>
        this.tx.run(async (manager) => {
          const { meeting, event } = await this.lockedMeeting(user, meetingId);
          if (answeringSide(meeting, user.id) !== 'counterpart')
            throw DockingError.DOCKING_NOT_YOURS();
          MEETING_LIFECYCLE.assertMove(meeting.status, input.answer);
          if (input.answer === 'accepted') {
            // The parties' time first, in a fixed order: whoever else wants one of them waits here,
            // not holding a table, so that concurrent acceptances cannot deadlock.
            const parties = [meeting.requesterId, meeting.counterpartId].sort();
            await manager.insert(
              DockingBooking,
              parties.map((userId) => ({
                meetingId: meeting.id,
                userId,
                startsAt: meeting.startsAt,
                endsAt: meeting.endsAt,
              })),
            );
            await this.seatAtTable(meeting);
          }
          meeting.status = input.answer;
          await manager.update(
            DockingMeeting,
            { id: meeting.id },
            { status: meeting.status, tableName: meeting.tableName },
          );
          await this.messages.answered(event, meeting);
        }),
      );
    } catch (error) {
      if (isExclusionViolation(error, 'ex_docking_booking_party')) {
        throw DockingError.DOCKING_PARTY_BUSY({ conflict: await this.partyConflict(meetingId) });
      }
      throw error;
    }
    return this.meeting(user, meetingId);
  }

  /** Either side, or an organizer, calls a meeting off; an accepted one frees its table and time. */
  async cancel(user: AuthUser, meetingId: string): Promise<MeetingDto> {
    await this.tx.run(async (manager) => {
      const { meeting, manages } = await this.lockedMeeting(user, meetingId);
      if (!manages && !answeringSide(meeting, user.id)) throw DockingError.DOCKING_NOT_YOURS();
      MEETING_LIFECYCLE.assertMove(meeting.status, 'cancelled');
      await manager.delete(DockingBooking, { meetingId });
      await moveStatus(manager, DockingMeeting, MEETING_LIFECYCLE, {
        id: meetingId,
        to: 'cancelled',
      });
    });
    return this.meeting(user, meetingId);
  }

  /** Each side records what came of the meeting, once it has started; recording again corrects it. */
  async recordOutcome(user: AuthUser, meetingId: string, input: OutcomeDto): Promise<MeetingDto> {
    const { meeting } = await this.lockedMeeting(user, meetingId, false);
    if (!answeringSide(meeting, user.id)) throw DockingError.DOCKING_NOT_YOURS();
    if (meeting.status !== 'accepted') {
      throw DockingError.DOCKING_INVALID_TRANSITION({ status: meeting.status });
    }
    if (meeting.startsAt > new Date())
      throw DockingError.DOCKING_NOT_STARTED({ startsAt: meeting.startsAt });
    await this.tx.manager
      .createQueryBuilder()
      .insert()
      .into(DockingOutcome)
      .values({ meetingId, userId: user.id, outcome: input.outcome, note: input.note ?? '' })
      .orUpdate(['outcome', 'note'], ['meeting_id', 'user_id'])
      .execute();
    return this.meeting(user, meetingId);
  }

  /** The caller's meetings at the session (their personal schedule); organizers see them all. */
  async schedule(user: AuthUser, eventId: string): Promise<MeetingDto[]> {
    const { manages } = await this.seat(user, eventId);
    const qb = this.meetings().where('m.eventId = :eventId', { eventId });
    if (!manages) {
      qb.andWhere('(m.requesterId = :me OR m.counterpartId = :me)', { me: user.id });
    }
    return (await qb.orderBy('m.startsAt').addOrderBy('m.id').getMany()).map(toMeetingDto);
  }

  /** The user's meetings at every session, soonest first (a portal's list). */
  async myMeetings(user: AuthUser): Promise<MeetingDto[]> {
    const rows = await this.meetings()
      .where('(m.requesterId = :me OR m.counterpartId = :me)', { me: user.id })
      .orderBy('m.startsAt')
      .addOrderBy('m.id')
      .getMany();
    return rows.map(toMeetingDto);
  }

  /** The precise-docking sessions the user takes part in (confirmed), soonest first. */
  async mySessions(user: AuthUser): Promise<Event[]> {
    return this.tx
      .repository(Event)
      .createQueryBuilder('e')
      .where("e.kind = 'precise_docking'")
      .andWhere(
        `EXISTS (SELECT 1 FROM registration r WHERE r.event_id = e.id AND r.status = 'confirmed'
                 AND (r.user_id = :me OR r.email = :email))`,
        { me: user.id, email: user.email },
      )
      .orderBy('e.startsAt')
      .getMany();
  }

  /** The other participants with an account, whom the user may ask to meet. */
  async counterparts(
    user: AuthUser,
    eventId: string,
  ): Promise<{ userId: string; name: string; organization: string }[]> {
    await this.seat(user, eventId);
    const rows = await this.tx.query<{ id: string; name: string; organization: string | null }[]>(
      `SELECT DISTINCT u.id, u.name, r.organization_name AS organization
         FROM registration r JOIN user_account u ON u.id = r.user_id OR u.email = r.email
        WHERE r.event_id = $1 AND r.status = 'confirmed' AND u.id <> $2
        ORDER BY u.name`,
      [eventId, user.id],
    );
    return rows.map((r) => ({ userId: r.id, name: r.name, organization: r.organization ?? '' }));
  }

  async meeting(user: AuthUser, meetingId: string): Promise<MeetingDto> {
    await this.lockedMeeting(user, meetingId, false);
    return toMeetingDto(
      await this.meetings().where('m.id = :meetingId', { meetingId }).getOneOrFail(),
    );
  }

  private meetings() {
    return this.tx
      .repository(DockingMeeting)
      .createQueryBuilder('m')
      .leftJoinAndSelect('m.requester', 'requester')
      .leftJoinAndSelect('m.counterpart', 'counterpart')
      .leftJoinAndMapMany('m.outcomes', DockingOutcome, 'o', 'o.meetingId = m.id');
  }

  /** The accepted meeting that holds one of the parties at that time (looked up after the refusal). */
  private async partyConflict(meetingId: string): Promise<Record<string, unknown> | null> {
    const [row] = await this.tx.query<
      { id: string; user_id: string; table_name: string | null; starts_at: Date; ends_at: Date }[]
    >(
      `SELECT m.id, b.user_id, m.table_name, m.starts_at, m.ends_at
         FROM docking_meeting wanted
         JOIN docking_booking b ON b.user_id IN (wanted.requester_id, wanted.counterpart_id)
          AND tstzrange(b.starts_at, b.ends_at) && tstzrange(wanted.starts_at, wanted.ends_at)
         JOIN docking_meeting m ON m.id = b.meeting_id
        WHERE wanted.id = $1 AND m.id <> wanted.id AND m.event_id = wanted.event_id
        LIMIT 1`,
      [meetingId],
    );
    return row
      ? {
          meetingId: row.id,
          partyId: row.user_id,
          tableName: row.table_name,
          startsAt: row.starts_at,
          endsAt: row.ends_at,
        }
      : null;
  }

  /** Tries the session's tables in order; the exclusion constraint says which are taken. */
  private async seatAtTable(meeting: DockingMeeting): Promise<void> {
    const { manager } = this.tx;
    const tables = await manager.find(DockingTable, {
      where: { eventId: meeting.eventId },
      order: { name: 'ASC' },
    });
    for (const table of tables) {
      await manager.query('SAVEPOINT table_choice');
      try {
        await manager.update(
          DockingMeeting,
          { id: meeting.id },
          {
            status: 'accepted',
            tableName: table.name,
          },
        );
        await manager.query('RELEASE SAVEPOINT table_choice');
        meeting.tableName = table.name;
        return;
      } catch (error) {
        await manager.query('ROLLBACK TO SAVEPOINT table_choice');
        if (!isExclusionViolation(error, 'ex_docking_meeting_table')) throw error;
      }
    }
    throw DockingError.DOCKING_NO_TABLE({ tables: tables.length });
  }

  /** The meeting, if the user is a party to it or organizes its session; else 404. */
  private async lockedMeeting(
    user: AuthUser,
    meetingId: string,
    lock = true,
  ): Promise<{ meeting: DockingMeeting; event: Event; manages: boolean }> {
    const { manager } = this.tx;
    const meeting = await manager.findOne(DockingMeeting, {
      where: { id: meetingId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!meeting) throw DockingError.DOCKING_MEETING_NOT_FOUND({ id: meetingId });
    const seat = await this.seat(user, meeting.eventId).catch(() => null);
    if (!seat || (!seat.manages && !answeringSide(meeting, user.id))) {
      throw DockingError.DOCKING_MEETING_NOT_FOUND({ id: meetingId });
    }
    return { meeting, ...seat };
  }

  private async managed(user: AuthUser, eventId: string): Promise<Event> {
    const seat = await this.seat(user, eventId);
    if (!seat.manages)
      throw EventError.EVENT_NOT_ORGANIZER({ organizationId: seat.event.organizationId });
    return seat.event;
  }

  /** Organizers and participants of a precise-docking session; 404 for everyone else. */
  private async seat(user: AuthUser, eventId: string): Promise<Seat> {
    const event = await this.tx.manager.findOneBy(Event, { id: eventId });
    const isManager = event !== null && manages(await this.access.managedBy(user), event);
    if (!event || (!isManager && !(await this.participates(user, eventId)))) {
      throw EventError.EVENT_NOT_FOUND({ id: eventId });
    }
    if (event.kind !== 'precise_docking') {
      throw DockingError.DOCKING_NOT_A_SESSION({ kind: event.kind });
    }
    return { event, manages: isManager };
  }

  /** A confirmed registrant of the session, by account or by e-mail (invitees register as guests). */
  private async participates(
    user: { id: string; email: string },
    eventId: string,
  ): Promise<boolean> {
    const rows = await this.tx.query<unknown[]>(
      `SELECT 1 FROM registration
        WHERE event_id = $1 AND status = 'confirmed' AND (user_id = $2 OR email = $3) LIMIT 1`,
      [eventId, user.id, user.email],
    );
    return rows.length > 0;
  }
}

function toMeetingDto(m: DockingMeeting & { outcomes?: DockingOutcome[] }): MeetingDto {
  return {
    id: m.id,
    eventId: m.eventId,
    requester: { userId: m.requesterId, name: m.requester?.name ?? '' },
    counterpart: { userId: m.counterpartId, name: m.counterpart?.name ?? '' },
    needId: m.needId,
    tableName: m.tableName,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    status: m.status,
    note: m.note,
    outcomes: (m.outcomes ?? []).map((o) => ({
      userId: o.userId,
      outcome: o.outcome,
      note: o.note,
    })),
  };
}
