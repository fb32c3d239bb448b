import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import ExcelJS from 'exceljs';
import QRCode from 'qrcode';
import { EntityManager } from 'typeorm';
import { AuthUser } from 'src/common/auth/auth-user';
import { isSignedToken, signedToken } from 'src/common/signed-token';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { isUniqueViolation } from 'src/database/postgres-errors';
import { escapeLike } from 'src/database/sql';
import { Event } from 'src/events/event.entity';
import { EventAccess, manages } from 'src/events/event-access';
import { SeatLedger } from 'src/events/seat-ledger';
import {
  CapacityDto,
  NewRegistrationDto,
  RegisterDto,
  RegistrationDto,
  RegistrationPageDto,
  RegistrationQueryDto,
} from 'src/registrations/dto/registration.dto';
import { newCheckInCode } from 'src/registrations/check-in-code';
import { ConfirmedAtOnce, confirmAtOnce } from 'src/registrations/confirm-at-once';
import { Notice, RegistrantMessages } from 'src/registrations/registrant-messages';
import { toCsv } from 'src/common/csv';
import { registrantTable } from 'src/registrations/registrant-table';
import { Registration } from 'src/registrations/registration.entity';
import { Answers, answerProblems, registrationRefusal } from 'src/registrations/registration-rules';
import { REGISTRATION_LIFECYCLE } from 'src/registrations/registration-status';
import { RegistrationError } from 'src/registrations/registrations.errors';
import { Tx } from 'src/database/tx';

/** Who is registering, and what they answered. */
export interface Applicant {
  userId: string | null;
  name: string;
  email: string;
  mobile: string | null;
  locale: Registration['locale'];
  organizationName: string | null;
  sector: Registration['sector'];
  answers: Answers;
}

/** Waiting-list places are served one at a time; a fill step promotes at most this many. */
const MAX_PROMOTIONS_PER_FILL = 500;

@Injectable()
export class RegistrationsService {
  private readonly logger = new Logger(RegistrationsService.name);

  constructor(
    private readonly tx: Tx,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: EventAccess,
    private readonly seats: SeatLedger,
    private readonly messages: RegistrantMessages,
  ) {}

  /**
   * Registers the caller, or a guest: a seat when one is free (and the sector's quota allows),
   * else a place on the waiting list. The seat ledger's constraints make overbooking impossible.
   */
  async register(
    user: AuthUser | undefined,
    eventId: string,
    input: RegisterDto,
  ): Promise<NewRegistrationDto> {
    const event = await this.access.eventToRegister(user, eventId);
    const refusal = registrationRefusal(event, new Date());
    if (refusal) throw RegistrationError[refusal.code](refusal.details);
    return this.admit(event, {
      userId: user?.id ?? null,
      ...this.personOf(user, input),
      organizationName: input.organizationName ?? null,
      sector: input.sector,
      answers: input.answers ?? {},
    });
  }

  /**
   * Registers an invitee who accepted: invitation-only events seat them like anyone else,
   * closed-door events await the organizer's approval.
   */
  async registerInvited(event: Event, applicant: Applicant): Promise<NewRegistrationDto> {
    const refusal = registrationRefusal(event, new Date(), true);
    if (refusal) throw RegistrationError[refusal.code](refusal.details);
    return this.admit(event, applicant, event.visibility === 'closed_door');
  }

  /** The organizer lets a pending registrant in: a seat if one is free, else the waiting list. */
  async approve(user: AuthUser, id: string): Promise<RegistrationDto> {
    return this.decide(user, id, 'confirmed', async (manager, event, registration) => {
      const seated = await this.takeSeat(event, registration.sector);
      registration.status = seated ? 'confirmed' : 'waitlisted';
      registration.confirmedAt = seated ? new Date() : null;
      registration.checkInCode = seated ? newCheckInCode() : null;
      await manager.save(registration);
      await this.notify(event, registration, seated ? 'confirmed' : 'waitlisted');
    });
  }

  async reject(user: AuthUser, id: string): Promise<RegistrationDto> {
    return this.decide(user, id, 'rejected', async (manager, event, registration) => {
      registration.status = 'rejected';
      await manager.save(registration);
      await this.notify(event, registration, 'rejected');
    });
  }

  private async decide(
    user: AuthUser,
    id: string,
    to: 'confirmed' | 'rejected',
    apply: (manager: EntityManager, event: Event, registration: Registration) => Promise<void>,
  ): Promise<RegistrationDto> {
    await this.tx.run(async (manager) => {
      const registration = await manager.findOne(Registration, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!registration) throw RegistrationError.REGISTRATION_NOT_FOUND({ id });
      const event = await this.access.managedEvent(user, registration.eventId);
      // Only a registration awaiting approval is decided (a waitlisted one is promoted instead).
      if (registration.status !== 'pending')
        throw REGISTRATION_LIFECYCLE.refusal(registration.status, to);
      await apply(manager, event, registration);
    });
    return this.toDto(id);
  }

  private async admit(
    event: Event,
    applicant: Applicant,
    awaitApproval = false,
  ): Promise<NewRegistrationDto> {
    const problems = answerProblems(event.questions, applicant.answers);
    if (problems.length > 0) throw RegistrationError.REGISTRATION_INVALID_ANSWERS({}, problems);
    const seatedAtOnce =
      !awaitApproval && event.sectorQuotas[applicant.sector] === undefined
        ? await this.seatAtOnce(event, applicant)
        : null;
    if (seatedAtOnce) {
      const token = signedToken(this.config.jwtSecret, 'registration', seatedAtOnce.id);
      return { ...toRegistrationDto(seatedAtOnce, null), manageToken: token };
    }
    const registration = await this.tx.run(async (manager) => {
      const seated = !awaitApproval && (await this.takeSeat(event, applicant.sector));
      const status = awaitApproval ? 'pending' : seated ? 'confirmed' : 'waitlisted';
      const row = manager.create(Registration, {
        eventId: event.id,
        ...applicant,
        status,
        confirmedAt: seated ? new Date() : null,
        cancelledAt: null,
        checkInCode: seated ? newCheckInCode() : null,
        checkedInAt: null,
        checkedInBy: null,
      });
      // insert() reads back the generated columns (id, queue number, times) without a second query.
      await refuseDuplicate(manager.insert(Registration, row));
      await this.notify(event, row, status);
      return row;
    });
    const token = signedToken(this.config.jwtSecret, 'registration', registration.id);
    if (registration.status !== 'waitlisted') {
      return { ...toRegistrationDto(registration, null), manageToken: token };
    }
    // A seat may have freed between our look and our commit: serve the waiting list.
    await this.fillFromWaitlist(event.id);
    return { ...(await this.toDto(registration.id)), manageToken: token };
  }

  /**
   * The common case in one statement, without a transaction's round trips: a seat from a shard
   * nobody else is using, the confirmed registration and its messages, all or nothing. Null when no
   * shard had a seat at once (the event is full, or every shard is busy): the careful path decides.
   */
  private async seatAtOnce(event: Event, applicant: Applicant): Promise<Registration | null> {
    const row = this.tx.manager.create(Registration, {
      id: randomUUID(),
      eventId: event.id,
      ...applicant,
      status: 'confirmed',
      confirmedAt: new Date(),
      cancelledAt: null,
      checkInCode: newCheckInCode(),
      checkedInAt: null,
      checkedInBy: null,
    });
    const statement = confirmAtOnce(event, row, this.messages.confirmation(event, row));
    const rows = await refuseDuplicate(
      this.tx.query<ConfirmedAtOnce[]>(statement.sql, statement.params),
    );
    if (rows.length === 0) return null;
    return Object.assign(row, {
      queueNumber: rows[0].queue_number,
      createdAt: rows[0].created_at,
      updatedAt: rows[0].updated_at,
    });
  }

  /** The registrant (signed in, or with the guest token) or an organizer of the event sees it. */
  async get(user: AuthUser | undefined, id: string, token?: string): Promise<RegistrationDto> {
    await this.authorized(user, id, token);
    return this.toDto(id);
  }

  /** The user's own registrations (by account or e-mail), with their events, latest event first. */
  async mine(user: AuthUser): Promise<{ registration: RegistrationDto; event: Event }[]> {
    const rows = await this.tx
      .repository(Registration)
      .createQueryBuilder('r')
      .innerJoinAndMapOne('r.event', Event, 'e', 'e.id = r.eventId')
      .where('(r.userId = :me OR r.email = :email)', { me: user.id, email: user.email })
      .orderBy('e.startsAt', 'DESC')
      .getMany();
    const mine: { registration: RegistrationDto; event: Event }[] = [];
    for (const row of rows as (Registration & { event: Event })[]) {
      mine.push({ registration: await this.toDto(row.id), event: row.event });
    }
    return mine;
  }

  /** The check-in code as a QR code, for the registrant or the organizers. */
  async checkInQr(
    user: AuthUser | undefined,
    id: string,
    token: string | undefined,
    format: 'png' | 'svg',
  ): Promise<Buffer | string> {
    const registration = await this.authorized(user, id, token);
    if (!registration.checkInCode)
      throw RegistrationError.CHECK_IN_NOT_CONFIRMED({ status: registration.status });
    const options = { errorCorrectionLevel: 'M' as const, margin: 2, width: 320 };
    return format === 'png'
      ? QRCode.toBuffer(registration.checkInCode, { ...options, type: 'png' })
      : QRCode.toString(registration.checkInCode, { ...options, type: 'svg' });
  }

  /** Cancels; a confirmed seat goes straight to the first in line who may take it. */
  async cancel(user: AuthUser | undefined, id: string, token?: string): Promise<RegistrationDto> {
    await this.tx.run(async (manager) => {
      const registration = await this.authorized(user, id, token, true);
      REGISTRATION_LIFECYCLE.assertMove(registration.status, 'cancelled');
      const event = await manager.findOneByOrFail(Event, { id: registration.eventId });
      const wasConfirmed = registration.status === 'confirmed';
      registration.status = 'cancelled';
      registration.cancelledAt = new Date();
      await manager.save(registration);
      await this.notify(event, registration, 'cancelled');
      if (!wasConfirmed) return;
      await this.releaseSector(event, registration.sector);
      const promoted = await this.promoteNext(event);
      if (!promoted) await this.seats.release(event.id);
    });
    return this.toDto(id);
  }

  async list(
    user: AuthUser,
    eventId: string,
    query: RegistrationQueryDto,
  ): Promise<RegistrationPageDto> {
    await this.access.managedEvent(user, eventId);
    const qb = this.tx
      .repository(Registration)
      .createQueryBuilder('r')
      .where('r.eventId = :eventId', { eventId });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.q) {
      qb.andWhere('(r.name ILIKE :q OR r.email ILIKE :q OR r.organizationName ILIKE :q)', {
        q: `%${escapeLike(query.q)}%`,
      });
    }
    const [rows, total] = await qb
      .orderBy('r.queueNumber', 'ASC')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    const positions = await this.waitlistPositions(eventId);
    return {
      items: rows.map((r) => toRegistrationDto(r, positions.get(r.id) ?? null)),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /** Every registrant of the event, as CSV or as an Excel workbook. */
  async export(user: AuthUser, eventId: string, format: 'csv' | 'xlsx'): Promise<Buffer> {
    const event = await this.access.managedEvent(user, eventId);
    const rows = await this.tx
      .repository(Registration)
      .find({ where: { eventId }, order: { queueNumber: 'ASC' } });
    const positions = await this.waitlistPositions(eventId);
    const table = registrantTable(
      rows.map((r) => ({ ...r, waitlistPosition: positions.get(r.id) ?? null })),
      event.questions,
      event.timeZone,
    );
    if (format === 'csv') return Buffer.from(toCsv(table));
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('报名 Registrations');
    sheet.addRows(table);
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    sheet.columns.forEach((column) => (column.width = 18));
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  /** Changes the number of seats; added seats go to the waiting list first. */
  async setCapacity(user: AuthUser, eventId: string, input: CapacityDto): Promise<void> {
    await this.tx.run(async (manager) => {
      await this.access.editableEvent(user, eventId, true);
      const [{ confirmed }] = await manager.query<{ confirmed: number }[]>(
        "SELECT count(*)::int AS confirmed FROM registration WHERE event_id = $1 AND status = 'confirmed'",
        [eventId],
      );
      await this.seats.setCapacity(eventId, input.capacity, confirmed);
      await manager.update(Event, { id: eventId }, { capacity: input.capacity });
    });
    await this.fillFromWaitlist(eventId);
  }

  /** Gives free seats to the waiting list, in order, until seats or people run out. */
  async fillFromWaitlist(eventId: string): Promise<number> {
    let promoted = 0;
    while (promoted < MAX_PROMOTIONS_PER_FILL) {
      const more = await this.tx.run(async (manager) => {
        const event = await manager.findOneByOrFail(Event, { id: eventId });
        if (!(await this.hasWaiting(eventId))) return false;
        if (!(await this.seats.claim(event))) return false;
        if (await this.promoteNext(event)) return true;
        // Nobody in line may take it (sector quotas): give the seat back.
        await this.seats.release(eventId);
        return false;
      });
      if (!more) break;
      promoted++;
    }
    if (promoted > 0)
      this.logger.log(`promoted ${promoted} from the waiting list of event ${eventId}`);
    return promoted;
  }

  /**
   * Confirms the first waitlisted registrant whose sector quota has room, on a seat the caller
   * holds. Concurrent callers each take a different person (SKIP LOCKED), in queue order.
   */
  private async promoteNext(event: Event): Promise<boolean> {
    const { manager } = this.tx;
    const passedOver: string[] = [];
    // One at a time: a locked row is one being promoted by a concurrent transaction.
    for (;;) {
      const [candidate] = await manager.query<{ id: string }[]>(
        `SELECT id FROM registration
          WHERE event_id = $1 AND status = 'waitlisted' AND NOT (id = ANY($2))
          ORDER BY queue_number LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [event.id, passedOver],
      );
      if (!candidate) return false;
      const registration = await manager.findOneByOrFail(Registration, { id: candidate.id });
      if (!(await this.takeSector(event, registration.sector))) {
        passedOver.push(registration.id);
        continue;
      }
      registration.status = 'confirmed';
      registration.confirmedAt = new Date();
      registration.checkInCode = newCheckInCode();
      await manager.save(registration);
      await this.notify(event, registration, 'promoted');
      return true;
    }
  }

  private async takeSeat(event: Event, sector: Registration['sector']): Promise<boolean> {
    if (!(await this.takeSector(event, sector))) return false;
    if (await this.seats.claim(event)) return true;
    await this.releaseSector(event, sector);
    return false;
  }

  private async takeSector(event: Event, sector: Registration['sector']): Promise<boolean> {
    const quota = event.sectorQuotas[sector];
    return quota === undefined || this.seats.claimSector(event.id, sector, quota);
  }

  private async releaseSector(event: Event, sector: Registration['sector']): Promise<void> {
    if (event.sectorQuotas[sector] !== undefined) await this.seats.releaseSector(event.id, sector);
  }

  private async hasWaiting(eventId: string): Promise<boolean> {
    const { manager } = this.tx;
    const rows = await manager.query<unknown[]>(
      "SELECT 1 FROM registration WHERE event_id = $1 AND status = 'waitlisted' LIMIT 1",
      [eventId],
    );
    return rows.length > 0;
  }

  private personOf(user: AuthUser | undefined, input: RegisterDto) {
    if (user) {
      return {
        name: input.name ?? user.name,
        email: user.email,
        mobile: input.mobile ?? null,
        locale: user.locale,
      };
    }
    const missing = (['name', 'mobile', 'email'] as const).filter((f) => !input[f]);
    if (missing.length > 0)
      throw RegistrationError.REGISTRATION_GUEST_DETAILS_REQUIRED().onField(...missing);
    return {
      name: input.name!,
      email: input.email!,
      mobile: input.mobile!,
      locale: this.config.defaultLocale,
    };
  }

  /** The registration, if the caller owns it (account or token) or manages its event; else 404. */
  private async authorized(
    user: AuthUser | undefined,
    id: string,
    token: string | undefined,
    lock = false,
  ): Promise<Registration> {
    const { manager } = this.tx;
    const registration = await manager.findOne(Registration, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (registration) {
      const owns =
        (user !== undefined && registration.userId === user.id) ||
        (token !== undefined &&
          isSignedToken(this.config.jwtSecret, 'registration', registration.id, token));
      if (owns) return registration;
      const event = await manager.findOneByOrFail(Event, { id: registration.eventId });
      if (manages(await this.access.managedBy(user), event)) return registration;
    }
    throw RegistrationError.REGISTRATION_NOT_FOUND({ id });
  }

  private async notify(event: Event, registration: Registration, notice: Notice): Promise<void> {
    const position = notice === 'waitlisted' ? await this.waitlistPosition(registration) : null;
    await this.messages.notice(event, registration, notice, { position });
  }

  /** 1 for the next in line; counts the waitlisted who arrived before, and the registrant. */
  private async waitlistPosition(registration: Registration): Promise<number> {
    const { manager } = this.tx;
    const [{ position }] = await manager.query<{ position: number }[]>(
      `SELECT count(*)::int AS position FROM registration
        WHERE event_id = $1 AND status = 'waitlisted' AND queue_number <= $2`,
      [registration.eventId, registration.queueNumber],
    );
    return position;
  }

  private async waitlistPositions(eventId: string): Promise<Map<string, number>> {
    const rows = await this.tx.query<{ id: string; position: number }[]>(
      `SELECT id, row_number() OVER (ORDER BY queue_number)::int AS position
         FROM registration WHERE event_id = $1 AND status = 'waitlisted'`,
      [eventId],
    );
    return new Map(rows.map((r) => [r.id, r.position]));
  }

  private async toDto(id: string): Promise<RegistrationDto> {
    const registration = await this.tx.repository(Registration).findOneByOrFail({ id });
    const position =
      registration.status === 'waitlisted' ? await this.waitlistPosition(registration) : null;
    return toRegistrationDto(registration, position);
  }
}

/** A second active registration of the same person for the event is a 409 on their e-mail. */
async function refuseDuplicate<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isUniqueViolation(error, 'uq_registration_person')) {
      throw RegistrationError.REGISTRATION_DUPLICATE().onField('email');
    }
    throw error;
  }
}

export function toRegistrationDto(
  r: Registration,
  waitlistPosition: number | null,
): RegistrationDto {
  return {
    id: r.id,
    eventId: r.eventId,
    name: r.name,
    email: r.email,
    mobile: r.mobile,
    organizationName: r.organizationName,
    sector: r.sector,
    status: r.status,
    waitlistPosition,
    answers: r.answers,
    confirmedAt: r.confirmedAt,
    cancelledAt: r.cancelledAt,
    checkInCode: r.checkInCode,
    checkedInAt: r.checkedInAt,
    createdAt: r.createdAt,
  };
}
