import { Inject, Injectable } from '@nestjs/common';
import QRCode from 'qrcode';
import { AuthUser } from 'src/common/auth/auth-user';
import { calendarEntry, toICalendar } from 'src/calendar/calendar';
import { writeExport } from 'src/common/export-table';
import { AppConfig, Locale } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { escapeLike } from 'src/database/sql';
import { Tx } from 'src/database/tx';
import { Audit } from 'src/audit/audit';
import { Event } from 'src/events/event.entity';
import { EventAccess } from 'src/events/event-access';
import { EventDto } from 'src/events/dto/event.dto';
import { toEventDto } from 'src/events/events.service';
import {
  MyRegistrationDto,
  RegistrationDto,
  RegistrationPageDto,
  RegistrationQueryDto,
} from 'src/registrations/dto/registration.dto';
import { ownRegistration } from 'src/registrations/registration-queries';
import { registrantTable } from 'src/registrations/registrant-table';
import { Registration } from 'src/registrations/registration.entity';
import { RegistrationViews, toRegistrationDto } from 'src/registrations/registration-views';
import { RegistrationError } from 'src/registrations/registrations.errors';

/**
 * Reading registrations, which changes none: a registration for its registrant or organizers, a
 * user's own, its check-in QR code, and an event's registrants listed, searched and exported.
 */
@Injectable()
export class RegistrantsService {
  constructor(
    private readonly tx: Tx,
    private readonly access: EventAccess,
    private readonly views: RegistrationViews,
    private readonly audit: Audit,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The event of a registration as a calendar file, for whoever may see the registration (its
   * link's token opens it, also for an event the guest could not otherwise see).
   */
  async calendar(user: AuthUser | undefined, id: string, token?: string): Promise<string> {
    const registration = await this.views.authorized(user, id, token);
    const event = await this.tx.repository(Event).findOneByOrFail({ id: registration.eventId });
    return toICalendar(event.title, [calendarEntry(event, this.config.publicUrl)]);
  }

  /** The event a registration is for, to its registrant: the ticket names its time and place. */
  async eventOf(user: AuthUser | undefined, id: string, token?: string): Promise<EventDto> {
    const registration = await this.views.authorized(user, id, token);
    return toEventDto(
      await this.tx.repository(Event).findOneByOrFail({ id: registration.eventId }),
    );
  }

  /** The registrant (signed in, or with the guest token) or an organizer of the event sees it. */
  async get(user: AuthUser | undefined, id: string, token?: string): Promise<RegistrationDto> {
    return this.views.dtoOf(await this.views.authorized(user, id, token));
  }

  /** The user's own registrations (by account or a verified address), with their events, latest first. */
  async mine(user: AuthUser): Promise<MyRegistrationDto[]> {
    const rows = await this.tx
      .repository(Registration)
      .createQueryBuilder('r')
      .innerJoinAndMapOne('r.event', Event, 'e', 'e.id = r.eventId')
      .where(ownRegistration('r', ':me', ':email', ':mobile'), {
        me: user.id,
        email: user.verifiedEmail,
        mobile: user.verifiedMobile,
      })
      .orderBy('e.startsAt', 'DESC')
      .getMany();
    const mine: MyRegistrationDto[] = [];
    for (const row of rows as (Registration & { event: Event })[]) {
      mine.push({ registration: await this.views.dtoOf(row), event: toEventDto(row.event) });
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
    const registration = await this.views.authorized(user, id, token);
    if (!registration.checkInCode)
      throw RegistrationError.CHECK_IN_NOT_CONFIRMED({ status: registration.status });
    const options = { errorCorrectionLevel: 'M' as const, margin: 2, width: 320 };
    return format === 'png'
      ? QRCode.toBuffer(registration.checkInCode, { ...options, type: 'png' })
      : QRCode.toString(registration.checkInCode, { ...options, type: 'svg' });
  }

  /** An event's registrants for its organizers, by status and by name, e-mail or organization. */
  async list(
    user: AuthUser,
    eventId: string,
    query: RegistrationQueryDto,
  ): Promise<RegistrationPageDto> {
    const event = await this.access.eventFor(user, eventId, 'admit');
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
    await this.audited(user, event, 'bulk_view', rows.length, { list: 'registrants' });
    const positions = await this.views.waitlistPositions(eventId);
    return {
      items: rows.map((r) => toRegistrationDto(r, positions.get(r.id) ?? null)),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /** Every registrant of the event, as CSV or as an Excel workbook, in one language (`locale`). */
  async export(
    user: AuthUser,
    eventId: string,
    format: 'csv' | 'xlsx',
    locale: Locale,
  ): Promise<Buffer> {
    const event = await this.access.eventFor(user, eventId, 'admit');
    const rows = await this.tx
      .repository(Registration)
      .find({ where: { eventId }, order: { queueNumber: 'ASC' } });
    const positions = await this.views.waitlistPositions(eventId);
    const table = registrantTable(
      rows.map((r) => ({ ...r, waitlistPosition: positions.get(r.id) ?? null })),
      event.questions,
      event.timeZone,
      locale,
    );
    await this.audited(user, event, 'export', rows.length, { export: 'registrants', format });
    return writeExport(table, format, locale === 'zh-CN' ? '报名名单' : 'Registrations');
  }

  /** Reading registrants' personal data in bulk is recorded (who, which event, how many people). */
  private async audited(
    user: AuthUser,
    event: Event,
    action: 'bulk_view' | 'export',
    people: number,
    about: Record<string, unknown>,
  ): Promise<void> {
    if (people === 0) return;
    await this.audit.personalData({
      action,
      actorId: user.id,
      subjectId: event.id,
      organizationId: event.organizationId,
      people,
      about,
    });
  }
}
