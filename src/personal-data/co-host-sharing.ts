import { Injectable } from '@nestjs/common';
import { Access } from 'src/access/access';
import { Audit } from 'src/audit/audit';
import { AuthUser } from 'src/common/auth/auth-user';
import { Tx } from 'src/database/tx';
import { CoHosts } from 'src/events/co-hosts';
import { Event } from 'src/events/event.entity';
import {
  CoHostRegistrantDto,
  CoHostRegistrantPageDto,
  CoHostedEventDto,
  CoHostSharingDto,
} from 'src/personal-data/dto/sharing.dto';
import { PersonalDataError } from 'src/personal-data/personal-data.errors';
import { coHostScope } from 'src/privacy/consent.entity';
import { Consents } from 'src/privacy/consents';
import { Registration } from 'src/registrations/registration.entity';
import { RegistrationViews } from 'src/registrations/registration-views';
import { RegistrationError } from 'src/registrations/registrations.errors';
import { Sector } from 'src/events/sectors';
import { RegistrationStatus } from 'src/registrations/registration-status';

interface RegistrantRow {
  id: string;
  name: string;
  organization_name: string | null;
  sector: Sector;
  status: RegistrationStatus;
  email: string | null;
  mobile: string | null;
  shared: boolean;
}

/**
 * What an event's co-hosts (协办单位) see of its registrants: name and organization always, mobile
 * and e-mail only of those who gave the separate consent (PIPL Art. 23) for that co-host — asked on
 * the registration form, changed or withdrawn on the registration's own page.
 */
@Injectable()
export class CoHostSharing {
  constructor(
    private readonly tx: Tx,
    private readonly access: Access,
    private readonly coHosts: CoHosts,
    private readonly consents: Consents,
    private readonly registrations: RegistrationViews,
    private readonly audit: Audit,
  ) {}

  /**
   * The event's registrants (not cancelled or rejected) as the co-host reads them, for its team and
   * the event's managers; 404 for everyone else. A bulk view of personal data: audited.
   */
  async registrants(
    user: AuthUser,
    eventId: string,
    organizationId: string,
    page: { limit: number; offset: number },
  ): Promise<CoHostRegistrantPageDto> {
    const event = await this.tx.repository(Event).findOneBy({ id: eventId });
    const named = !!event && (await this.coHosts.named(eventId, organizationId));
    const subject = {
      kind: 'co_host' as const,
      organizationId,
      named,
      eventOrganizationId: event?.organizationId ?? '',
    };
    // Not named, not found: for admins too (the policy lets them read as whichever co-host is named).
    if (!event || !named || (await this.access.decide(user, 'see', subject)) !== 'allow')
      throw PersonalDataError.PERSONAL_DATA_CO_HOST_NOT_FOUND({ eventId, organizationId });
    const active = `r.event_id = $1 AND r.status NOT IN ('cancelled', 'rejected')`;
    const rows = await this.tx.query<RegistrantRow[]>(
      `SELECT r.id, r.name, r.organization_name, r.sector, r.status, r.email, r.mobile,
              EXISTS (SELECT 1 FROM consent c
                       WHERE c.person_type = 'registration' AND c.person_id = r.id
                         AND c.purpose = 'share_contacts' AND c.scope = $2
                         AND c.withdrawn_at IS NULL) AS shared
         FROM registration r WHERE ${active}
        ORDER BY r.queue_number LIMIT $3 OFFSET $4`,
      [eventId, coHostScope(organizationId), page.limit, page.offset],
    );
    const [{ total }] = await this.tx.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM registration r WHERE ${active}`,
      [eventId],
    );
    const items = rows.map(asSeenByCoHost);
    if (items.length > 0)
      await this.audit.personalData({
        action: 'bulk_view',
        actorId: user.id,
        subjectId: eventId,
        organizationId: event.organizationId,
        people: items.length,
        about: {
          list: 'co_host_registrants',
          coHost: organizationId,
          contactsShown: items.filter((item) => item.contactsShared).length,
        },
      });
    return { items, total, ...page };
  }

  /** The events co-hosted by the organizations in whose team the caller is, latest first. */
  async coHosting(user: AuthUser): Promise<CoHostedEventDto[]> {
    const teams = await this.access.teams(user);
    if (teams.length === 0) return [];
    return this.tx.query<CoHostedEventDto[]>(
      `SELECT e.id AS "eventId", e.title, e.starts_at AS "startsAt",
              o.id AS "organizationId", o.name AS "organizationName"
         FROM event_co_host c JOIN event e ON e.id = c.event_id
         JOIN organization o ON o.id = c.organization_id
        WHERE c.organization_id = ANY($1) ORDER BY e.starts_at DESC, o.name LIMIT 200`,
      [teams],
    );
  }

  /** The co-hosts of the registration's event and what its registrant shares with each. */
  async choices(
    user: AuthUser | undefined,
    registrationId: string,
    token?: string,
  ): Promise<CoHostSharingDto[]> {
    return this.choicesOf(await this.registrations.asRegistrant(user, registrationId, token));
  }

  /** As `choices` for the registrant; none for anyone else (the page an organizer opens). */
  async choicesIfRegistrant(
    user: AuthUser | undefined,
    registrationId: string,
    token?: string,
  ): Promise<CoHostSharingDto[]> {
    const registration = await this.registrations.registrantOf(user, registrationId, token);
    return registration ? this.choicesOf(registration) : [];
  }

  private async choicesOf(registration: Registration): Promise<CoHostSharingDto[]> {
    const person = { type: 'registration' as const, id: registration.id };
    const choices: CoHostSharingDto[] = [];
    for (const { organizationId, name } of await this.coHosts.of(registration.eventId)) {
      const shared = await this.consents.stands(
        person,
        'share_contacts',
        coHostScope(organizationId),
      );
      choices.push({ organizationId, name, shared });
    }
    return choices;
  }

  /**
   * The registrant gives or withdraws the consent for one co-host (their account, a verified
   * address or the link's token; the organizers may not choose for them). Giving it takes a
   * co-host the event names; withdrawing works for any.
   */
  async choose(
    user: AuthUser | undefined,
    registrationId: string,
    token: string | undefined,
    organizationId: string,
    shared: boolean,
  ): Promise<CoHostSharingDto[]> {
    await this.tx.run(async () => {
      const registration = await this.registrations.asRegistrant(user, registrationId, token);
      const person = { type: 'registration' as const, id: registration.id };
      const scope = coHostScope(organizationId);
      if (!shared) return this.consents.withdraw(person, 'share_contacts', scope);
      if (!(await this.coHosts.named(registration.eventId, organizationId)))
        throw RegistrationError.REGISTRATION_NOT_A_CO_HOST({
          organizationIds: [organizationId],
        }).onField('organizationId');
      const [event] = await this.tx.query<{ organization_id: string }[]>(
        `SELECT organization_id FROM event WHERE id = $1`,
        [registration.eventId],
      );
      await this.consents.give(person, 'share_contacts', scope, event.organization_id);
    });
    return this.choices(user, registrationId, token);
  }
}

function asSeenByCoHost(row: RegistrantRow): CoHostRegistrantDto {
  return {
    id: row.id,
    name: row.name,
    organizationName: row.organization_name,
    sector: row.sector,
    status: row.status,
    contactsShared: row.shared,
    email: row.shared ? row.email : null,
    mobile: row.shared ? row.mobile : null,
  };
}
