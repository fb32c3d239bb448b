import { Injectable } from '@nestjs/common';
import { DockingNeed } from 'src/docking/docking-need.entity';
import { itemTimesProblem } from 'src/agenda/agenda-rules';
import { AuthUser } from 'src/common/auth/auth-user';
import { moveStatus } from 'src/database/move-status';
import { isExclusionViolation, retryingDeadlocks } from 'src/database/postgres-errors';
import { Tx } from 'src/database/tx';
import { DockingAccess } from 'src/docking/docking-access';
import { DockingBooking } from 'src/docking/docking-booking.entity';
import { DockingMeeting } from 'src/docking/docking-meeting.entity';
import { DockingMessages } from 'src/docking/docking-messages';
import { DockingOutcome } from 'src/docking/docking-outcome.entity';
import { answeringSide, MEETING_LIFECYCLE } from 'src/docking/docking-status';
import { DockingTable } from 'src/docking/docking-table.entity';
import { DockingError } from 'src/docking/docking.errors';
import {
  AnswerMeetingDto,
  MeetingDto,
  OutcomeDto,
  RequestMeetingDto,
} from 'src/docking/dto/docking.dto';
import { Event } from 'src/events/event.entity';
import { User } from 'src/identity/user.entity';
import { verifiedOf } from 'src/identity/verified-identity';

/**
 * The 1:1 meetings of a precise-docking session: one participant asks another, the other
 * accepts (a free table and both parties' time are taken) or declines, either may call it off,
 * and both record what came of it. A meeting is seen by its two parties and the session's
 * organizers only; for everyone else it does not exist (404).
 */
@Injectable()
export class DockingMeetingsService {
  constructor(
    private readonly tx: Tx,
    private readonly access: DockingAccess,
    private readonly messages: DockingMessages,
  ) {}

  async request(user: AuthUser, eventId: string, input: RequestMeetingDto): Promise<MeetingDto> {
    const { event } = await this.access.seatAt(user, eventId);
    const field = itemTimesProblem(input, event);
    if (field) throw DockingError.DOCKING_INVALID_TIMES().onField(field);
    const counterpart = await this.tx.repository(User).findOneBy({ id: input.counterpartId });
    if (
      !counterpart ||
      counterpart.id === user.id ||
      !(await this.access.participates(verifiedOf(counterpart), eventId))
    ) {
      throw DockingError.DOCKING_NOT_PARTICIPANT().onField('counterpartId');
    }
    if (
      input.needId &&
      !(await this.tx.manager.existsBy(DockingNeed, { eventId, needId: input.needId }))
    )
      throw DockingError.DOCKING_NEED_NOT_BROUGHT().onField('needId');
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
          const { meeting, event } = await this.meetingSeenBy(user, meetingId, { forUpdate: true });
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
      const { meeting, manages } = await this.meetingSeenBy(user, meetingId, { forUpdate: true });
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
    const { meeting } = await this.meetingSeenBy(user, meetingId, { forUpdate: false });
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
    const { manages } = await this.access.seatAt(user, eventId);
    const qb = this.meetingsWithParties().where('m.eventId = :eventId', { eventId });
    if (!manages) {
      qb.andWhere('(m.requesterId = :me OR m.counterpartId = :me)', { me: user.id });
    }
    return (await qb.orderBy('m.startsAt').addOrderBy('m.id').getMany()).map(toMeetingDto);
  }

  /** The user's meetings at every session, soonest first (a portal's list). */
  async myMeetings(user: AuthUser): Promise<MeetingDto[]> {
    const rows = await this.meetingsWithParties()
      .where('(m.requesterId = :me OR m.counterpartId = :me)', { me: user.id })
      .orderBy('m.startsAt')
      .addOrderBy('m.id')
      .getMany();
    return rows.map(toMeetingDto);
  }

  async meeting(user: AuthUser, meetingId: string): Promise<MeetingDto> {
    await this.meetingSeenBy(user, meetingId, { forUpdate: false });
    return toMeetingDto(
      await this.meetingsWithParties().where('m.id = :meetingId', { meetingId }).getOneOrFail(),
    );
  }

  /** Meetings with what a `MeetingDto` shows of them: the parties' names and the outcomes. */
  private meetingsWithParties() {
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

  /**
   * The meeting, if the user is a party to it or organizes its session; else 404. `forUpdate`
   * locks the row until the transaction ends, for the callers that move its status.
   */
  private async meetingSeenBy(
    user: AuthUser,
    meetingId: string,
    { forUpdate }: { forUpdate: boolean },
  ): Promise<{ meeting: DockingMeeting; event: Event; manages: boolean }> {
    const { manager } = this.tx;
    const meeting = await manager.findOne(DockingMeeting, {
      where: { id: meetingId },
      ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!meeting) throw DockingError.DOCKING_MEETING_NOT_FOUND({ id: meetingId });
    const seat = await this.access.seatAt(user, meeting.eventId).catch(() => null);
    if (!seat || (!seat.manages && !answeringSide(meeting, user.id))) {
      throw DockingError.DOCKING_MEETING_NOT_FOUND({ id: meetingId });
    }
    return { meeting, ...seat };
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
