import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuthUser } from 'src/common/auth/auth-user';
import { signedToken } from 'src/common/signed-token';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { isUniqueViolation } from 'src/database/postgres-errors';
import { Tx } from 'src/database/tx';
import { Event } from 'src/events/event.entity';
import { EventAccess } from 'src/events/event-access';
import { newCheckInCode } from 'src/registrations/check-in-code';
import { ConfirmedAtOnce, confirmAtOnce } from 'src/registrations/confirm-at-once';
import {
  NewRegistrationDto,
  RegisterDto,
  RegistrationDto,
} from 'src/registrations/dto/registration.dto';
import { Notice, RegistrantMessages } from 'src/registrations/registrant-messages';
import { Registration } from 'src/registrations/registration.entity';
import { Answers, answerProblems, registrationRefusal } from 'src/registrations/registration-rules';
import { REGISTRATION_LIFECYCLE } from 'src/registrations/registration-status';
import { RegistrationViews, toRegistrationDto } from 'src/registrations/registration-views';
import { RegistrationError } from 'src/registrations/registrations.errors';
import { SeatAllocationService } from 'src/registrations/seat-allocation.service';
import { Audit } from 'src/audit/audit';
import { Consents } from 'src/privacy/consents';

/** Who is registering, and what they answered. */
export interface Applicant {
  userId: string | null;
  name: string;
  email: string | null;
  mobile: string | null;
  locale: Registration['locale'];
  organizationName: string | null;
  sector: Registration['sector'];
  answers: Answers;
}

/**
 * Admission: registering (in one statement when a seat is free at once, else on the careful path),
 * the organizer's approval or rejection, and cancelling. Seats and the waiting list are
 * `SeatAllocationService`'s; reading and exporting registrations is `RegistrantsService`'s.
 */
@Injectable()
export class RegistrationsService {
  constructor(
    private readonly tx: Tx,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: EventAccess,
    private readonly seats: SeatAllocationService,
    private readonly views: RegistrationViews,
    private readonly messages: RegistrantMessages,
    private readonly audit: Audit,
    private readonly consents: Consents,
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
    const registration = await this.admit(event, {
      userId: user?.id ?? null,
      ...this.personOf(user, input),
      organizationName: input.organizationName ?? null,
      sector: input.sector,
      answers: input.answers ?? {},
    });
    const person = { type: 'registration' as const, id: registration.id };
    await this.tx.run(() => this.consents.acceptNotice(person, event.organizationId));
    return registration;
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
    return this.decide(user, id, 'confirmed', async (event, registration) => {
      const seated = await this.seats.takeSeat(event, registration.sector);
      registration.status = seated ? 'confirmed' : 'waitlisted';
      registration.confirmedAt = seated ? new Date() : null;
      registration.checkInCode = seated ? newCheckInCode() : null;
      await this.tx.manager.save(registration);
      await this.notify(event, registration, seated ? 'confirmed' : 'waitlisted');
    });
  }

  async reject(user: AuthUser, id: string): Promise<RegistrationDto> {
    return this.decide(user, id, 'rejected', async (event, registration) => {
      registration.status = 'rejected';
      await this.tx.manager.save(registration);
      await this.notify(event, registration, 'rejected');
    });
  }

  /** Cancels; a confirmed seat goes straight to the first in line who may take it. */
  async cancel(user: AuthUser | undefined, id: string, token?: string): Promise<RegistrationDto> {
    await this.tx.run(async (manager) => {
      const registration = await this.views.authorized(user, id, token, true);
      REGISTRATION_LIFECYCLE.assertMove(registration.status, 'cancelled');
      const event = await manager.findOneByOrFail(Event, { id: registration.eventId });
      const from = registration.status;
      registration.status = 'cancelled';
      registration.cancelledAt = new Date();
      await manager.save(registration);
      await this.audit.record({
        subject: 'registration',
        subjectId: id,
        action: 'cancelled',
        actorId: user?.id ?? null,
        before: { status: from },
        after: { status: 'cancelled' },
      });
      await this.notify(event, registration, 'cancelled');
      if (from === 'confirmed') await this.seats.handOverSeat(event, registration.sector);
    });
    return this.views.dto(id);
  }

  /** Locks a pending registration of an event the caller manages and applies the decision. */
  private async decide(
    user: AuthUser,
    id: string,
    to: 'confirmed' | 'rejected',
    apply: (event: Event, registration: Registration) => Promise<void>,
  ): Promise<RegistrationDto> {
    await this.tx.run(async (manager) => {
      const registration = await manager.findOne(Registration, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!registration) throw RegistrationError.REGISTRATION_NOT_FOUND({ id });
      const event = await this.access.eventFor(user, registration.eventId, 'admit');
      // Only a registration awaiting approval is decided (a waitlisted one is promoted instead).
      if (registration.status !== 'pending')
        throw REGISTRATION_LIFECYCLE.refusal(registration.status, to);
      await apply(event, registration);
      await this.audit.record({
        subject: 'registration',
        subjectId: id,
        action: to === 'confirmed' ? 'approved' : 'rejected',
        actorId: user.id,
        before: { status: 'pending' },
        after: { status: registration.status },
      });
    });
    return this.views.dto(id);
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
      const seated = !awaitApproval && (await this.seats.takeSeat(event, applicant.sector));
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
    await this.seats.fillFromWaitlist(event.id);
    return { ...(await this.views.dto(registration.id)), manageToken: token };
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

  /**
   * The signed-in user registers as themselves; a guest gives a name and a mobile number or an
   * e-mail address (or both): a person known by mobile only is reached by text message.
   */
  private personOf(user: AuthUser | undefined, input: RegisterDto) {
    const email = user?.email ?? input.email;
    if (user && email) {
      return {
        name: input.name ?? user.name,
        email,
        mobile: input.mobile ?? null,
        locale: user.locale,
      };
    }
    const missing = [
      ...(input.name ? [] : ['name']),
      ...(input.email || input.mobile ? [] : ['mobile', 'email']),
    ];
    if (missing.length > 0)
      throw RegistrationError.REGISTRATION_GUEST_DETAILS_REQUIRED().onField(...missing);
    return {
      name: input.name!,
      email: input.email ?? null,
      mobile: input.mobile ?? null,
      locale: this.config.defaultLocale,
    };
  }

  /** A waitlisted registrant is told their place in line; other notices name none. */
  private async notify(event: Event, registration: Registration, notice: Notice): Promise<void> {
    const position =
      notice === 'waitlisted' ? await this.views.waitlistPosition(registration) : null;
    await this.messages.notice(event, registration, notice, { position });
  }
}

/**
 * A second active registration of the same person for the event is a 409 on the field that found
 * them: their e-mail address or their mobile number.
 */
async function refuseDuplicate<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isUniqueViolation(error, 'uq_registration_person')) {
      throw RegistrationError.REGISTRATION_DUPLICATE().onField('email');
    }
    if (isUniqueViolation(error, 'uq_registration_mobile')) {
      throw RegistrationError.REGISTRATION_DUPLICATE().onField('mobile');
    }
    throw error;
  }
}
