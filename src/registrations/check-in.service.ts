import { Injectable } from '@nestjs/common';
import { Audit } from 'src/audit/audit';
import { AuthUser } from 'src/common/auth/auth-user';
import { CommonError } from 'src/common/errors/common.errors';
import { escapeLike } from 'src/database/sql';
import { EventAccess } from 'src/events/event-access';
import { SECTORS, Sector } from 'src/events/sectors';
import { normalizeCheckInCode } from 'src/registrations/check-in-code';
import {
  AttendanceDto,
  CheckInDto,
  CheckInSearchDto,
  RegistrationDto,
  RosterEntryDto,
} from 'src/registrations/dto/registration.dto';
import { Registration } from 'src/registrations/registration.entity';
import { RegistrationError } from 'src/registrations/registrations.errors';
import { toRegistrationDto } from 'src/registrations/registration-views';
import { Tx } from 'src/database/tx';

/** How far back a scan queued offline may be dated: a door's queue is synced the same day. */
const SCAN_AGE_LIMIT_MS = 2 * 86_400_000;

/**
 * The time a queued scan says it was made, or null for a scan made now; older than the limit is
 * refused (a device whose clock or queue cannot be trusted), a time ahead is left to now().
 */
export function scanTime(scannedAt: string | undefined, now: Date): Date | null {
  if (scannedAt === undefined) return null;
  const at = new Date(scannedAt);
  if (now.getTime() - at.getTime() > SCAN_AGE_LIMIT_MS)
    throw CommonError.VALIDATION_FAILED({}, [
      {
        field: 'scannedAt',
        rule: 'recent',
        message: {
          'zh-CN': '扫码时间不能早于两天前',
          en: 'the scan cannot be dated more than two days back',
        },
      },
    ]);
  return at;
}

/** The door: organizers check confirmed registrants in by code, or by name and phone. */
@Injectable()
export class CheckInService {
  constructor(
    private readonly tx: Tx,
    private readonly access: EventAccess,
    private readonly audit: Audit,
  ) {}

  /** Checks the person in once; a second scan is refused with the time of the first. */
  async checkIn(user: AuthUser, eventId: string, input: CheckInDto): Promise<RegistrationDto> {
    await this.access.eventFor(user, eventId, 'admit');
    const match = input.code
      ? { column: 'check_in_code', value: normalizeCheckInCode(input.code) }
      : { column: 'id', value: input.registrationId };
    if (!match.value) {
      throw CommonError.VALIDATION_FAILED({}, [
        {
          field: 'code',
          rule: 'required',
          message: { 'zh-CN': '请提供签到码或报名编号', en: 'give a code or a registrationId' },
        },
      ]);
    }
    const scannedAt = scanTime(input.scannedAt, new Date());
    // Conditional: of two simultaneous scans, one checks in and the other is told so.
    const key = input.idempotencyKey ?? null;
    const [rows] = await this.tx.query<[{ id: string }[], number]>(
      `UPDATE registration
          SET checked_in_at = LEAST(now(), COALESCE($5::timestamptz, now())),
              checked_in_by = $3, check_in_key = $4
        WHERE event_id = $1 AND ${match.column} = $2 AND status = 'confirmed' AND checked_in_at IS NULL
        RETURNING id`,
      [eventId, match.value, user.id, key, scannedAt],
    );
    const registration = await this.tx
      .repository(Registration)
      .findOneBy({ eventId, [match.column === 'id' ? 'id' : 'checkInCode']: match.value });
    if (!registration)
      throw RegistrationError.CHECK_IN_CODE_UNKNOWN().onField(
        input.code ? 'code' : 'registrationId',
      );
    // The same scan sent again (a queue synced twice, an answer lost): it is the check-in it made.
    const again = key !== null && registration.checkInKey === key;
    if (rows.length === 0 && !again) {
      if (registration.status !== 'confirmed') {
        throw RegistrationError.CHECK_IN_NOT_CONFIRMED({ status: registration.status });
      }
      // Who it is and since when: the door tells the person in front of it, not just "already".
      throw RegistrationError.CHECK_IN_ALREADY({
        name: registration.name,
        organizationName: registration.organizationName,
        sector: registration.sector,
        checkedInAt: registration.checkedInAt,
      });
    }
    return toRegistrationDto(registration, null);
  }

  /**
   * The confirmed registrants with their codes, for the door's device to check in offline (or for
   * badges: `use`), recorded as a bulk view of their personal data.
   */
  async roster(
    user: AuthUser,
    eventId: string,
    use: 'check-in roster' | 'badges' = 'check-in roster',
  ): Promise<RosterEntryDto[]> {
    const event = await this.access.eventFor(user, eventId, 'admit');
    const rows = await this.tx.repository(Registration).find({
      where: { eventId, status: 'confirmed' },
      order: { name: 'ASC' },
    });
    if (rows.length > 0)
      await this.audit.personalData({
        action: 'bulk_view',
        actorId: user.id,
        subjectId: event.id,
        organizationId: event.organizationId,
        people: rows.length,
        about: { list: use },
      });
    return rows.flatMap((r) =>
      r.checkInCode
        ? [
            {
              id: r.id,
              code: r.checkInCode,
              name: r.name,
              organizationName: r.organizationName,
              sector: r.sector,
              checkedInAt: r.checkedInAt,
            },
          ]
        : [],
    );
  }

  /** Confirmed registrants by part of the name and, optionally, the last four digits of the mobile. */
  async search(
    user: AuthUser,
    eventId: string,
    query: CheckInSearchDto,
  ): Promise<RegistrationDto[]> {
    await this.access.eventFor(user, eventId, 'admit');
    const qb = this.tx
      .repository(Registration)
      .createQueryBuilder('r')
      .where("r.eventId = :eventId AND r.status = 'confirmed'", { eventId })
      .andWhere('r.name ILIKE :name', { name: `%${escapeLike(query.name)}%` });
    if (query.mobileLast4) qb.andWhere('r.mobile LIKE :tail', { tail: `%${query.mobileLast4}` });
    const rows = await qb.orderBy('r.name').take(20).getMany();
    return rows.map((r) => toRegistrationDto(r, null));
  }

  async attendance(user: AuthUser, eventId: string): Promise<AttendanceDto> {
    await this.access.eventFor(user, eventId, 'admit');
    const rows = await this.tx.query<{ sector: Sector; confirmed: number; checked_in: number }[]>(
      `SELECT sector, count(*)::int AS confirmed, count(checked_in_at)::int AS checked_in
         FROM registration WHERE event_id = $1 AND status = 'confirmed' GROUP BY sector`,
      [eventId],
    );
    const bySector = SECTORS.map((sector) => {
      const row = rows.find((r) => r.sector === sector);
      return { sector, confirmed: row?.confirmed ?? 0, checkedIn: row?.checked_in ?? 0 };
    });
    return {
      confirmed: bySector.reduce((n, s) => n + s.confirmed, 0),
      checkedIn: bySector.reduce((n, s) => n + s.checkedIn, 0),
      bySector,
    };
  }
}
