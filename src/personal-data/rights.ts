import { Injectable } from '@nestjs/common';
import { Audit } from 'src/audit/audit';
import { AuthUser } from 'src/common/auth/auth-user';
import { Tx } from 'src/database/tx';
import { InvitationStatus } from 'src/invitations/invitation-status';
import { EventAccess } from 'src/events/event-access';
import { AccountSecurityService } from 'src/identity/account-security.service';
import { anonymisePeople, DELETED_NAME } from 'src/personal-data/anonymise';
import { MyDataDto } from 'src/personal-data/dto/personal-data.dto';
import { Consents, ConsentingPerson } from 'src/privacy/consents';

type Rows = Record<string, unknown>[];

/** Invitations nobody answered: sent (and perhaps opened), neither accepted nor declined. */
const UNANSWERED: readonly InvitationStatus[] = ['created', 'opened'];

/**
 * A person's rights over their data (PIPL Art. 45, 47): a copy of everything the platform holds
 * about them, and the deletion of their account (their data erased or anonymised; deals, meetings
 * and figures kept with a placeholder in their place). An organizer purges an invitation list of
 * the people who never answered. Each is recorded in the audit log.
 */
@Injectable()
export class Rights {
  constructor(
    private readonly tx: Tx,
    private readonly access: EventAccess,
    private readonly consents: Consents,
    private readonly audit: Audit,
    private readonly security: AccountSecurityService,
  ) {}

  async copy(user: AuthUser): Promise<MyDataDto> {
    return this.tx.run(async () => {
      const q = (sql: string) => this.tx.query<Rows>(sql, [user.id]);
      const [account] = await q(
        `SELECT id, name, email, mobile, locale, roles, created_at AS "createdAt" FROM user_account WHERE id = $1`,
      );
      // Entries are theirs by account, or by an address they proved is theirs.
      const { verifiedEmail: email, verifiedMobile: mobile } = user;
      const registrations = await this.tx.query<Rows>(
        `SELECT r.id, e.title AS event, e.starts_at AS "startsAt", r.name, r.email, r.mobile,
                r.organization_name AS "organizationName", r.sector, r.status, r.answers,
                r.created_at AS "registeredAt", r.checked_in_at AS "checkedInAt"
           FROM registration r JOIN event e ON e.id = r.event_id
          WHERE r.user_id = $1 OR r.email = $2 OR r.mobile = $3 ORDER BY r.created_at`,
        [user.id, email, mobile],
      );
      const invitations = await this.tx.query<Rows>(
        `SELECT i.id, e.title AS event, i.name, i.email, i.mobile, i.organization_name AS "organizationName",
                i.status, i.created_at AS "invitedAt", i.responded_at AS "respondedAt"
           FROM invitation i JOIN event e ON e.id = i.event_id
          WHERE i.email = $1 OR i.mobile = $2 ORDER BY i.created_at`,
        [email, mobile],
      );
      const persons: ConsentingPerson[] = [
        { type: 'user', id: user.id },
        ...registrations.map((r) => ({ type: 'registration' as const, id: r.id as string })),
        ...invitations.map((i) => ({ type: 'invitation' as const, id: i.id as string })),
      ];
      const copy: MyDataDto = {
        account,
        memberships: await q(
          `SELECT o.name AS organization, m.role, m.title, m.created_at AS "since"
             FROM membership m JOIN organization o ON o.id = m.organization_id WHERE m.user_id = $1`,
        ),
        registrations,
        invitations,
        consents: await this.consents.of(persons),
        dockingMeetings: await q(
          `SELECT m.id, e.title AS event, m.starts_at AS "startsAt", m.status, m.note,
                  (m.requester_id = $1) AS "requestedByMe"
             FROM docking_meeting m JOIN event e ON e.id = m.event_id
            WHERE m.requester_id = $1 OR m.counterpart_id = $1 ORDER BY m.starts_at`,
        ),
        deals: await q(
          `SELECT id, enterprise_name AS "enterpriseName", institution_name AS "institutionName",
                  stage, signed_on AS "signedOn" FROM deal WHERE owner_id = $1 OR created_by = $1`,
        ),
        sessions: await q(
          `SELECT created_at AS "signedInAt", ip, user_agent AS "userAgent", revoked_at AS "endedAt"
             FROM session WHERE user_id = $1 ORDER BY created_at DESC`,
        ),
      };
      await this.audit.personalData({
        action: 'copied',
        actorId: user.id,
        subjectId: user.id,
        organizationId: null,
        people: 1,
        about: { registrations: registrations.length, invitations: invitations.length },
      });
      return copy;
    });
  }

  /**
   * Deletes the caller's account once they confirmed it is them (password or SMS code): sessions end, memberships go,
   * consents are withdrawn, registrations and invitations under their account or e-mail are
   * anonymised, and the account row stays as a nameless placeholder that deals and meetings
   * still point to (so figures and deals keep standing).
   */
  async deleteAccount(user: AuthUser, proof: { password?: string; code?: string }): Promise<void> {
    await this.security.confirmPerson(user, proof);
    // Only the addresses the person proved are theirs: another's guest entry is not theirs to erase.
    const { verifiedEmail: email, verifiedMobile: mobile } = user;
    await this.tx.run(async (manager) => {
      const people = await anonymisePeople(this.tx, {
        registrations: {
          sql: 'user_id = $1 OR email = $2 OR mobile = $3',
          params: [user.id, email, mobile],
        },
        invitations: { sql: 'email = $1 OR mobile = $2', params: [email, mobile] },
      });
      await manager.query(
        `UPDATE session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`,
        [user.id],
      );
      await manager.query(`DELETE FROM membership WHERE user_id = $1`, [user.id]);
      await this.consents.withdraw({ type: 'user', id: user.id });
      await manager.query(
        `UPDATE user_account SET name = $2, email = 'deleted-' || id || '@deleted.invalid',
                mobile = NULL, password_hash = '!', roles = '{}' WHERE id = $1`,
        [user.id, DELETED_NAME],
      );
      await this.audit.personalData({
        action: 'deleted',
        actorId: user.id,
        subjectId: user.id,
        organizationId: null,
        people: 1,
        about: { anonymisedRecords: people },
      });
    });
  }

  /**
   * Anonymises the invitees of an event who never answered (invited, perhaps opened, neither
   * accepted nor declined) and drops their reminders; the list keeps its count.
   */
  async purgeUnanswered(user: AuthUser, eventId: string): Promise<{ purged: number }> {
    return this.tx.run(async () => {
      const event = await this.access.managedEvent(user, eventId, true);
      const purged = await anonymisePeople(this.tx, {
        registrations: null,
        invitations: { sql: `event_id = $1 AND status = ANY($2)`, params: [eventId, UNANSWERED] },
      });
      await this.audit.personalData({
        action: 'purged',
        actorId: user.id,
        subjectId: eventId,
        organizationId: event.organizationId,
        people: purged,
        about: { list: 'invitations', unanswered: true },
      });
      return { purged };
    });
  }
}
