import { Inject, Injectable } from '@nestjs/common';
import { Consents } from 'src/privacy/consents';
import { Audit } from 'src/audit/audit';
import { AuthUser } from 'src/common/auth/auth-user';
import { TableFile } from 'src/common/rows';
import { ImportDto } from 'src/imports/dto/import.dto';
import { isLinkToken } from 'src/common/signed-token';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { Event } from 'src/events/event.entity';
import { EventAccess } from 'src/events/event-access';
import { venueOf } from 'src/events/event-rules';
import {
  AcceptInvitationDto,
  InvitationDetailDto,
  InvitationDto,
  InvitationPageDto,
  InvitationQueryDto,
  InviteDto,
  InviteResultDto,
} from 'src/invitations/dto/invitation.dto';
import { Invitation } from 'src/invitations/invitation.entity';
import { INVITATION_TOKEN, InvitationMessages } from 'src/invitations/invitation-messages';
import { inviteeRow } from 'src/invitations/invitee-csv';
import { InviteeImport } from 'src/invitations/invitee-import';
import { InvitationSeats } from 'src/invitations/invitation-seats';
import {
  INVITATION_LIFECYCLE,
  InvitationStatus,
  invitationView,
} from 'src/invitations/invitation-status';
import { InvitationError } from 'src/invitations/invitations.errors';
import { NewRegistrationDto } from 'src/registrations/dto/registration.dto';
import { RegistrationsService } from 'src/registrations/registrations.service';
import { Tx } from 'src/database/tx';
import { countMessagesAbout, latestDeliverySql } from 'src/notifications/outbox-queries';
import { firstChannelSql } from 'src/notifications/contact';

export const MAX_INVITEES = 10_000;

type Delivery = 'pending' | 'delivered' | 'failed';

@Injectable()
export class InvitationsService {
  constructor(
    private readonly tx: Tx,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: EventAccess,
    private readonly messages: InvitationMessages,
    private readonly registrations: RegistrationsService,
    private readonly consents: Consents,
    private readonly audit: Audit,
    private readonly invitees: InviteeImport,
    private readonly seats: InvitationSeats,
  ) {}

  /**
   * Invites up to 10,000 people at once, answered at once (a JSON list is at most 1 MiB). Each row
   * is checked on its own: bad rows are reported by number and field while the good ones are
   * invited; people invited already are not invited twice.
   */
  async invite(user: AuthUser, eventId: string, input: InviteDto): Promise<InviteResultDto> {
    const event = await this.access.editableEvent(user, eventId);
    if (input.invitees.length > MAX_INVITEES)
      throw InvitationError.INVITATION_TOO_MANY({ count: input.invitees.length });
    // Read as a spreadsheet's rows are: sectors as people write them (企业, 高校, 金 …).
    const rows = input.invitees.map((data, i) => ({ line: i + 1, data: inviteeRow(data) }));
    const { valid, errors } = await this.invitees.check(rows);
    const invited = await this.invitees.invite(event, valid, user.id);
    return { invited, alreadyInvited: valid.length - invited, errors };
  }

  /**
   * The same from a CSV file or an XLSX workbook, as an import job (`GET /api/imports/:id`):
   * errors name the file's line numbers (the header is line 1).
   */
  async inviteTable(user: AuthUser, eventId: string, table: TableFile): Promise<ImportDto> {
    return this.invitees.stage(user, eventId, table);
  }

  async list(
    user: AuthUser,
    eventId: string,
    query: InvitationQueryDto,
  ): Promise<InvitationPageDto> {
    const event = await this.access.managedEvent(user, eventId);
    const rows = await this.withDelivery(eventId);
    const views = rows.map(({ invitation, delivery }) =>
      toInvitationDto(invitation, delivery, event),
    );
    const filtered = query.status ? views.filter((v) => v.status === query.status) : views;
    const shown = filtered.slice(query.offset, query.offset + query.limit).length;
    if (shown > 0)
      await this.audit.personalData({
        action: 'bulk_view',
        actorId: user.id,
        subjectId: eventId,
        organizationId: event.organizationId,
        people: shown,
        about: { list: 'invitations' },
      });
    return {
      items: filtered.slice(query.offset, query.offset + query.limit),
      total: filtered.length,
      limit: query.limit,
      offset: query.offset,
    };
  }

  async revoke(user: AuthUser, id: string): Promise<InvitationDto> {
    const invitation = await this.tx.repository(Invitation).findOneBy({ id });
    if (!invitation) throw InvitationError.INVITATION_NOT_FOUND();
    const event = await this.access.managedEvent(user, invitation.eventId);
    await this.tx.run(async () => {
      await this.move(invitation, 'revoked');
      await this.seats.release(invitation.id);
    });
    return this.view(invitation.id, event);
  }

  /** What the invitee sees on following the link; the first look marks it opened. */
  async open(id: string, token: string): Promise<InvitationDetailDto> {
    const { invitation, event } = await this.byToken(id, token);
    // Only a first look marks it: an answer given meanwhile stays as it is.
    if (invitation.status === 'created') await this.markOpened(invitation);
    return { ...(await this.view(id, event)), ...eventDetails(event) };
  }

  /**
   * Accepting registers the invitee: seated or waiting, or awaiting approval behind a closed door.
   * The move to accepted is conditional on the status read and made in the transaction that
   * registers: a revoke (or decline) landing at the same moment finds the row moved or waits for
   * it, so exactly one of the two happens, never both. A seat kept for the invitee is theirs (a
   * release at the same moment waits for the row: one of the two has it). Accepted while signed
   * in, the invitation binds to that account (its registration is theirs).
   */
  async accept(
    id: string,
    token: string,
    input: AcceptInvitationDto,
    acceptedBy?: AuthUser,
  ): Promise<NewRegistrationDto> {
    return this.tx.run(async () => {
      const { invitation, event } = await this.byToken(id, token);
      this.assertOpen(invitation, event, 'accepted');
      await this.move(invitation, 'accepted');
      const seatKept = await this.seats.take(id);
      const registration = await this.registrations.registerInvited(
        event,
        {
          userId: acceptedBy?.id ?? null,
          name: invitation.name,
          email: invitation.email,
          mobile: invitation.mobile,
          locale: invitation.locale,
          organizationName: invitation.organizationName,
          sector: invitation.sector,
          answers: input.answers ?? {},
        },
        seatKept,
        input.shareContactsWith,
      );
      await this.tx
        .repository(Invitation)
        .update({ id, status: 'accepted' }, { registrationId: registration.id });
      await this.consents.acceptNotice({ type: 'invitation', id }, event.organizationId);
      return registration;
    });
  }

  async decline(id: string, token: string): Promise<InvitationDto> {
    const { invitation, event } = await this.byToken(id, token);
    this.assertOpen(invitation, event, 'declined');
    await this.tx.run(async () => {
      await this.move(invitation, 'declined');
      await this.seats.release(id);
    });
    return this.view(id, event);
  }

  private async byToken(
    id: string,
    token: string,
  ): Promise<{ invitation: Invitation; event: Event }> {
    const invitation = isLinkToken(this.config.linkTokens, INVITATION_TOKEN, id, token)
      ? await this.tx.repository(Invitation).findOneBy({ id })
      : null;
    if (!invitation || invitation.status === 'revoked')
      throw InvitationError.INVITATION_NOT_FOUND();
    const event = await this.tx.repository(Event).findOneByOrFail({ id: invitation.eventId });
    return { invitation, event };
  }

  private assertOpen(invitation: Invitation, event: Event, to: InvitationStatus): void {
    if (event.startsAt <= new Date()) throw InvitationError.INVITATION_EXPIRED();
    INVITATION_LIFECYCLE.assertMove(invitation.status, to);
  }

  /** Marks a first look, unless the invitation was answered or revoked meanwhile. */
  private async markOpened(invitation: Invitation): Promise<void> {
    await this.tx
      .repository(Invitation)
      .update({ id: invitation.id, status: 'created' }, { status: 'opened', openedAt: new Date() });
  }

  /**
   * Conditional on the status read, so that two clicks (or a revoke and an accept) cannot both
   * move it; the updated row stays locked until the caller's transaction ends.
   */
  private async move(invitation: Invitation, to: InvitationStatus): Promise<void> {
    INVITATION_LIFECYCLE.assertMove(invitation.status, to);
    const result = await this.tx.repository(Invitation).update(
      { id: invitation.id, status: invitation.status },
      {
        status: to,
        ...(to === 'opened' ? { openedAt: new Date() } : { respondedAt: new Date() }),
      },
    );
    if (result.affected !== 1) throw INVITATION_LIFECYCLE.refusal(invitation.status, to);
  }

  /** Sends the invitation again, to someone who has not answered yet. */
  async resend(user: AuthUser, id: string): Promise<InvitationDto> {
    const invitation = await this.tx.repository(Invitation).findOneBy({ id });
    if (!invitation) throw InvitationError.INVITATION_NOT_FOUND();
    const event = await this.access.managedEvent(user, invitation.eventId);
    if (!['created', 'opened'].includes(invitation.status) || event.startsAt <= new Date()) {
      // Resending is not a move of the invitation's status: it must not have been answered.
      throw InvitationError.INVITATION_INVALID_TRANSITION({ status: invitation.status });
    }
    await this.tx.run(async () => {
      const sent = await countMessagesAbout(this.tx, `invitation:${id}`, 'invitation');
      await this.messages.resend(event, invitation, sent);
    });
    return this.view(id, event);
  }

  private async view(id: string, event: Event): Promise<InvitationDto> {
    const [row] = await this.withDelivery(event.id, id);
    return toInvitationDto(row.invitation, row.delivery, event);
  }

  /** Invitations with the state of their latest message. */
  private async withDelivery(
    eventId: string,
    id?: string,
  ): Promise<{ invitation: Invitation; delivery: Delivery }[]> {
    const qb = this.tx
      .repository(Invitation)
      .createQueryBuilder('i')
      .addSelect(
        latestDeliverySql(`'invitation:' || i.id`, 'invitation', { sql: firstChannelSql('i') }),
        'delivery',
      )
      .where('i.eventId = :eventId', { eventId });
    if (id) qb.andWhere('i.id = :id', { id });
    const { entities, raw } = await qb
      .orderBy('i.createdAt', 'ASC')
      .addOrderBy('i.email')
      .getRawAndEntities<{ delivery: Delivery | null }>();
    return entities.map((invitation, i) => ({
      invitation,
      delivery: raw[i].delivery ?? 'pending',
    }));
  }
}

function toInvitationDto(i: Invitation, delivery: Delivery, event: Event): InvitationDto {
  return {
    id: i.id,
    eventId: i.eventId,
    name: i.name,
    email: i.email,
    mobile: i.mobile,
    organizationName: i.organizationName,
    sector: i.sector,
    role: i.role,
    status: invitationView(i.status, delivery, event.startsAt <= new Date()),
    registrationId: i.registrationId,
    seatHeldUntil: i.seatHeldUntil,
    openedAt: i.openedAt,
    respondedAt: i.respondedAt,
    createdAt: i.createdAt,
  };
}

function eventDetails(event: Event) {
  return {
    eventTitle: event.title,
    eventStartsAt: event.startsAt,
    eventSummary: event.summary,
    venue: venueOf(event) || null,
  };
}
