import { Inject, Injectable } from '@nestjs/common';
import { AuthUser } from 'src/common/auth/auth-user';
import { ClientLimits } from 'src/common/client-limits';
import { linkExpiryFor, linkToken } from 'src/common/signed-token';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { runPart } from 'src/database/statement-part';
import { Tx } from 'src/database/tx';
import { Event } from 'src/events/event.entity';
import { EventAccess } from 'src/events/event-access';
import { newCheckInCode } from 'src/registrations/check-in-code';
import { QuickAdmission } from 'src/registrations/quick-admission';
import {
  NewRegistrationDto,
  RegisterDto,
  RegistrationDto,
} from 'src/registrations/dto/registration.dto';
import { Notice, RegistrantMessages } from 'src/registrations/registrant-messages';
import { Registration } from 'src/registrations/registration.entity';
import { Applicant } from 'src/registrations/applicant';
import {
  answerProblems,
  holdEndsAt,
  holdsUntilConfirmed,
  registrationRefusal,
} from 'src/registrations/registration-rules';
import { REGISTRATION_LIFECYCLE, SEATED_STATUSES } from 'src/registrations/registration-status';
import { RegistrationViews, toRegistrationDto } from 'src/registrations/registration-views';
import { refuseDuplicate, RegistrationError } from 'src/registrations/registrations.errors';
import { SeatAllocationService } from 'src/registrations/seat-allocation.service';
import { Audit } from 'src/audit/audit';
import { CoHosts } from 'src/events/co-hosts';
import {
  Accepted,
  coHostShares,
  consentsPart,
  registrantConsents,
  tickedCoHosts,
} from 'src/registrations/registrant-consents';

interface AdmitOptions {
  awaitApproval?: boolean;
  /** A seat was kept for this person (their invitation's): they are seated on it, never waitlisted. */
  seatKept?: boolean;
  /** What the registrant accepted, written with the registration. */
  accepted?: Accepted;
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
    private readonly limits: ClientLimits,
    private readonly quick: QuickAdmission,
    private readonly coHosts: CoHosts,
  ) {}

  /**
   * Registers the caller, or a guest: a seat when one is free (and the sector's quota allows),
   * else a place on the waiting list. The seat ledger's constraints make overbooking impossible.
   */
  async register(
    user: AuthUser | undefined,
    eventId: string,
    input: RegisterDto,
    clientIp?: string,
  ): Promise<NewRegistrationDto> {
    const event = await this.access.eventToRegister(user, eventId);
    const refusal = registrationRefusal(event, new Date());
    if (refusal) throw RegistrationError[refusal.code](refusal.details);
    const person = this.personOf(user, input);
    // A guest's registration counts against their address; a script seeding data gives none.
    if (!user && clientIp) await this.limits.guestRegistration(clientIp, contactsOf(person));
    // The notice (and each co-host's separate consent) is accepted in the statement or
    // transaction that books the seat: never one without the other.
    const sharedWith = await tickedCoHosts(input.shareContactsWith, () => this.coHostIds(event));
    return this.admit(
      event,
      {
        userId: user?.id ?? null,
        ...person,
        organizationName: input.organizationName ?? null,
        sector: input.sector,
        answers: input.answers ?? {},
      },
      { accepted: registrantConsents(sharedWith) },
    );
  }

  /**
   * Registers an invitee who accepted: invitation-only events seat them like anyone else,
   * closed-door events await the organizer's approval. `seatKept`: the seat their invitation kept
   * is theirs (taken from the invitation in the caller's transaction); behind a closed door it
   * stays set aside for them while they await approval.
   */
  async registerInvited(
    event: Event,
    applicant: Applicant,
    seatKept = false,
    shareContactsWith?: string[],
  ): Promise<NewRegistrationDto> {
    const refusal = registrationRefusal(event, new Date(), true);
    if (refusal) throw RegistrationError[refusal.code](refusal.details);
    const sharedWith = await tickedCoHosts(shareContactsWith, () => this.coHostIds(event));
    return this.admit(event, applicant, {
      awaitApproval: event.visibility === 'closed_door',
      seatKept,
      accepted: sharedWith.length > 0 ? coHostShares(sharedWith) : undefined,
    });
  }

  private async coHostIds(event: Event): Promise<string[]> {
    return (await this.coHosts.of(event.id)).map((coHost) => coHost.organizationId);
  }

  /** The organizer lets a pending registrant in: a seat if one is free, else the waiting list. */
  async approve(user: AuthUser, id: string): Promise<RegistrationDto> {
    return this.decide(user, id, 'confirmed', async (event, registration) => {
      // A seat kept since the invitation is theirs already.
      const seated =
        registration.seatKept || (await this.seats.takeSeat(event, registration.sector));
      registration.seatKept = false;
      // Let in while the event is full: the end of the line as it is now, not their sign-up time.
      if (!seated) await this.seats.toEndOfLine(registration);
      registration.status = seated ? 'confirmed' : 'waitlisted';
      registration.confirmedAt = seated ? new Date() : null;
      registration.checkInCode = seated ? newCheckInCode() : null;
      await this.tx.manager.save(registration);
      await this.notify(event, registration, seated ? 'confirmed' : 'waitlisted');
    });
  }

  async reject(user: AuthUser, id: string): Promise<RegistrationDto> {
    return this.decide(user, id, 'rejected', async (event, registration) => {
      const kept = registration.seatKept;
      registration.status = 'rejected';
      registration.seatKept = false;
      await this.tx.manager.save(registration);
      await this.notify(event, registration, 'rejected');
      if (kept) await this.seats.handOverSeat(event, registration.sector);
    });
  }

  /** Cancels; a confirmed or held seat goes straight to the first in line who may take it. */
  async cancel(user: AuthUser | undefined, id: string, token?: string): Promise<RegistrationDto> {
    await this.tx.run(async (manager) => {
      const registration = await this.views.authorized(user, id, token, true);
      REGISTRATION_LIFECYCLE.assertMove(registration.status, 'cancelled');
      const event = await manager.findOneByOrFail(Event, { id: registration.eventId });
      const from = registration.status;
      const kept = registration.seatKept;
      registration.status = 'cancelled';
      registration.cancelledAt = new Date();
      registration.heldUntil = null;
      registration.seatKept = false;
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
      if (SEATED_STATUSES.includes(from) || kept)
        await this.seats.handOverSeat(event, registration.sector);
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

  /**
   * `accepted` is written by the statement or the transaction that inserts the registration (what
   * must stand or fall with it); `awaitApproval` leaves the registrant pending for the organizer.
   */
  private async admit(
    event: Event,
    applicant: Applicant,
    { awaitApproval = false, seatKept = false, accepted }: AdmitOptions = {},
  ): Promise<NewRegistrationDto> {
    const problems = answerProblems(event.questions, applicant.answers);
    if (problems.length > 0) throw RegistrationError.REGISTRATION_INVALID_ANSWERS({}, problems);
    // A guest who must confirm first takes the careful path: their seat is only held.
    const holds = !awaitApproval && holdsUntilConfirmed(event, applicant);
    // The common case (no quota, hold, approval or kept seat) in one statement.
    const admittedAtOnce =
      !awaitApproval && !holds && !seatKept && event.sectorQuotas[applicant.sector] === undefined
        ? await this.quick.admit(event, applicant, accepted)
        : null;
    // Inside a caller's transaction (an invitation accepted) its commit is not ours to wait for:
    // the line is held alone until then, and the place counted at once (rare, so serial is fine).
    const nested = this.tx.active;
    const registration =
      admittedAtOnce ??
      (await this.tx.run(async (manager) => {
        const seated = seatKept
          ? !awaitApproval
          : !awaitApproval && (await this.seats.takeSeat(event, applicant.sector));
        const status = awaitApproval
          ? 'pending'
          : !seated
            ? 'waitlisted'
            : holds
              ? 'held'
              : 'confirmed';
        const confirmed = status === 'confirmed';
        const now = new Date();
        // The queue number is the new row's default, taken once we are in the line.
        if (status === 'waitlisted')
          await (nested ? this.seats.holdLine(event.id) : this.seats.joinLine(event.id));
        const row = manager.create(Registration, {
          eventId: event.id,
          ...applicant,
          status,
          confirmedAt: confirmed ? now : null,
          cancelledAt: null,
          heldUntil:
            status === 'held' ? holdEndsAt(now, this.config.registrationHoldMinutes) : null,
          seatKept: status === 'pending' && seatKept,
          checkInCode: confirmed ? newCheckInCode() : null,
          checkedInAt: null,
          checkedInBy: null,
        });
        // insert() reads back the generated columns (id, queue number, times) without a second query.
        await refuseDuplicate(manager.insert(Registration, row));
        if (accepted) await runPart(this.tx, consentsPart(event.organizationId, accepted(row.id)));
        if (status === 'waitlisted' && !nested) await this.messages.waitlisted(event, row);
        else await this.notify(event, row, status);
        return row;
      }));
    const token = this.manageToken(event, registration.id);
    if (registration.status !== 'waitlisted') {
      return { ...toRegistrationDto(registration, null), manageToken: token };
    }
    if (nested) {
      await this.seats.fillFromWaitlist(event.id);
      return { ...(await this.views.dto(registration.id)), manageToken: token };
    }
    // The place is stated only once final: counted after our commit, then told in the e-mail too.
    const place = await this.seats.placeInLine(registration);
    await this.messages.placeKnown(registration, place);
    // A seat may have freed between our look and our commit: serve the waiting list.
    if ((await this.seats.fillFromWaitlist(event.id)) === 0 && place > 0) {
      return { ...toRegistrationDto(registration, place), manageToken: token };
    }
    return { ...(await this.views.dto(registration.id)), manageToken: token };
  }

  /**
   * The signed-in user registers as themselves, reached at the addresses of their account (a
   * mobile-only account by its mobile); a guest gives a name and a mobile number or an e-mail
   * address (or both): a person known by mobile only is reached by text message.
   */
  /** The guest's link to their registration: it works until 30 days after the event. */
  private manageToken(event: Event, registrationId: string): string {
    return linkToken(this.config.linkTokens, 'registration', registrationId, linkExpiryFor(event));
  }

  private personOf(user: AuthUser | undefined, input: RegisterDto) {
    const name = input.name ?? user?.name;
    const email = user?.email ?? input.email ?? null;
    const mobile = user?.mobile ?? input.mobile ?? null;
    const missing = [...(name ? [] : ['name']), ...(email || mobile ? [] : ['mobile', 'email'])];
    if (missing.length > 0)
      throw RegistrationError.REGISTRATION_GUEST_DETAILS_REQUIRED().onField(...missing);
    return { name: name!, email, mobile, locale: user?.locale ?? this.config.defaultLocale };
  }

  /** A waitlisted registrant is told their place in line; other notices name none. */
  private async notify(event: Event, registration: Registration, notice: Notice): Promise<void> {
    const position =
      notice === 'waitlisted' ? await this.views.waitlistPosition(registration) : null;
    await this.messages.notice(event, registration, notice, { position });
  }
}

/** The addresses a guest gave, which their messages go to. */
function contactsOf(person: { email: string | null; mobile: string | null }): string[] {
  return [person.email, person.mobile].filter((c): c is string => !!c);
}
