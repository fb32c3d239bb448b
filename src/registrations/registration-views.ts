import { Inject, Injectable } from '@nestjs/common';
import { AuthUser } from 'src/common/auth/auth-user';
import { isLinkToken } from 'src/common/signed-token';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { Tx } from 'src/database/tx';
import { Event } from 'src/events/event.entity';
import { EventAccess, manages } from 'src/events/event-access';
import { RegistrationDto } from 'src/registrations/dto/registration.dto';
import { Registration } from 'src/registrations/registration.entity';
import { ownsRegistration } from 'src/registrations/registration-queries';
import { RegistrationError } from 'src/registrations/registrations.errors';

/**
 * What admission (`RegistrationsService`, `SeatAllocationService`) and the registrant reads
 * (`RegistrantsService`) both need, kept here once: who may open a registration, its place on the
 * waiting list, and its DTO.
 */
@Injectable()
export class RegistrationViews {
  constructor(
    private readonly tx: Tx,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: EventAccess,
  ) {}

  /**
   * The registration, if the caller owns it (account or the link's token) or manages its event;
   * else 404, so that nobody learns which ids exist. `lock` holds it for a change in the caller's
   * transaction.
   */
  async authorized(
    user: AuthUser | undefined,
    id: string,
    token: string | undefined,
    lock = false,
  ): Promise<Registration> {
    const { manager } = this.tx;
    const registration = await this.row(id, lock);
    if (registration) {
      if (this.owns(user, registration, token)) return registration;
      const event = await manager.findOneByOrFail(Event, { id: registration.eventId });
      if (manages(await this.access.managedBy(user), event)) return registration;
    }
    throw RegistrationError.REGISTRATION_NOT_FOUND({ id });
  }

  /**
   * The registration if the caller is its registrant (account, a verified address or the link's
   * token); else 404. What the registrant consents to is theirs alone, not its organizers'.
   */
  async asRegistrant(
    user: AuthUser | undefined,
    id: string,
    token: string | undefined,
  ): Promise<Registration> {
    const registration = await this.registrantOf(user, id, token);
    if (registration) return registration;
    throw RegistrationError.REGISTRATION_NOT_FOUND({ id });
  }

  /** As `asRegistrant`, or null for anyone else (an organizer reading the registration's page). */
  async registrantOf(
    user: AuthUser | undefined,
    id: string,
    token: string | undefined,
  ): Promise<Registration | null> {
    const registration = await this.row(id, false);
    return registration && this.owns(user, registration, token) ? registration : null;
  }

  private row(id: string, lock: boolean): Promise<Registration | null> {
    return this.tx.manager.findOne(Registration, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  private owns(user: AuthUser | undefined, registration: Registration, token?: string): boolean {
    return (
      (user !== undefined && ownsRegistration(user, registration)) ||
      (token !== undefined &&
        isLinkToken(this.config.linkTokens, 'registration', registration.id, token))
    );
  }

  /** The registration as it is now (read again: the caller may have just changed it). */
  async dto(id: string): Promise<RegistrationDto> {
    return this.dtoOf(await this.tx.repository(Registration).findOneByOrFail({ id }));
  }

  /** A registration already read, with its place on the waiting list when it is waiting. */
  async dtoOf(registration: Registration): Promise<RegistrationDto> {
    const position =
      registration.status === 'waitlisted' ? await this.waitlistPosition(registration) : null;
    return toRegistrationDto(registration, position);
  }

  /** 1 for the next in line; counts the waitlisted who arrived before, and the registrant. */
  async waitlistPosition(registration: Registration): Promise<number> {
    const [{ position }] = await this.tx.query<{ position: number }[]>(
      `SELECT count(*)::int AS position FROM registration
        WHERE event_id = $1 AND status = 'waitlisted' AND queue_number <= $2`,
      [registration.eventId, registration.queueNumber],
    );
    return position;
  }

  /** Every waitlisted registration's place in one query, for lists and exports. */
  async waitlistPositions(eventId: string): Promise<Map<string, number>> {
    const rows = await this.tx.query<{ id: string; position: number }[]>(
      `SELECT id, row_number() OVER (ORDER BY queue_number)::int AS position
         FROM registration WHERE event_id = $1 AND status = 'waitlisted'`,
      [eventId],
    );
    return new Map(rows.map((r) => [r.id, r.position]));
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
    heldUntil: r.heldUntil,
    checkInCode: r.checkInCode,
    checkedInAt: r.checkedInAt,
    createdAt: r.createdAt,
  };
}
