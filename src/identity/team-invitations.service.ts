import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { AuthUser } from 'src/common/auth/auth-user';
import { formatDateTime } from 'src/common/time';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { isUniqueViolation } from 'src/database/postgres-errors';
import { Tx } from 'src/database/tx';
import {
  AcceptedTeamInvitationDto,
  InviteToTeamDto,
  TeamInvitationDto,
  TeamInvitationState,
  TeamInvitationViewDto,
} from 'src/identity/dto/team-invitation.dto';
import { IdentityError } from 'src/identity/identity.errors';
import { Membership } from 'src/identity/membership.entity';
import { Organization } from 'src/identity/organization.entity';
import { MEMBERSHIP_ROLE_NAMES } from 'src/identity/roles';
import { TeamInvitation } from 'src/identity/team-invitation.entity';
import { TeamService } from 'src/identity/team.service';
import { User } from 'src/identity/user.entity';
import { Outbox } from 'src/notifications/outbox';

/** How long an invitation's link may be accepted. */
export const TEAM_INVITATION_DAYS = 7;

/** The SHA-256 of a link's token, as stored. */
export function tokenHashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Where an invitation stands at `now`: an invitation revoked after it had expired is expired. */
export function invitationState(
  invitation: Pick<TeamInvitation, 'acceptedAt' | 'revokedAt' | 'expiresAt'>,
  now = new Date(),
): TeamInvitationState {
  if (invitation.acceptedAt) return 'accepted';
  if (invitation.expiresAt <= (invitation.revokedAt ?? now)) return 'expired';
  return invitation.revokedAt ? 'revoked' : 'open';
}

const REFUSAL = {
  accepted: IdentityError.TEAM_INVITATION_USED,
  expired: IdentityError.TEAM_INVITATION_EXPIRED,
  revoked: IdentityError.TEAM_INVITATION_REVOKED,
} as const;

/**
 * Invitations to a team by e-mail link. A manager invites an address with a role; the link's
 * random token is kept only as a hash; any signed-in account that opens the link may accept it and
 * gets the role. Accepting and revoking are conditional updates of the open row, so of the two at
 * once exactly one takes effect.
 */
@Injectable()
export class TeamInvitationsService {
  constructor(
    private readonly tx: Tx,
    private readonly teams: TeamService,
    private readonly outbox: Outbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async invite(
    user: AuthUser,
    organizationId: string,
    input: InviteToTeamDto,
  ): Promise<TeamInvitationDto> {
    return this.tx.run(async (manager) => {
      const organization = await this.teams.assertManages(user, organizationId);
      const email = input.email.trim().toLowerCase();
      const person = await manager.findOneBy(User, { email });
      if (person && (await manager.existsBy(Membership, { organizationId, userId: person.id })))
        throw IdentityError.TEAM_ALREADY_MEMBER({ email }).onField('email');
      // An open invitation past its expiry makes way for the new one.
      await this.tx.query(
        `UPDATE team_invitation SET revoked_at = now()
          WHERE organization_id = $1 AND email = $2 AND accepted_at IS NULL
            AND revoked_at IS NULL AND expires_at <= now()`,
        [organizationId, email],
      );
      const token = randomBytes(24).toString('base64url');
      const expiresAt = new Date(Date.now() + TEAM_INVITATION_DAYS * 24 * 3600 * 1000);
      let invitation: TeamInvitation;
      try {
        invitation = await manager.save(
          manager.create(TeamInvitation, {
            organizationId,
            email,
            role: input.role,
            tokenHash: tokenHashOf(token),
            invitedBy: user.id,
            expiresAt,
            acceptedBy: null,
            acceptedAt: null,
            revokedAt: null,
          }),
        );
      } catch (error) {
        if (isUniqueViolation(error, 'uq_team_invitation_open'))
          throw IdentityError.TEAM_INVITATION_OPEN({ email }).onField('email');
        throw error;
      }
      await this.tell(invitation, organization, user, token, person?.locale);
      return toInvitationDto(invitation, user);
    });
  }

  /** The open invitations of an organization, newest first (its managers). */
  async open(user: AuthUser, organizationId: string): Promise<TeamInvitationDto[]> {
    await this.teams.assertManages(user, organizationId);
    const rows = await this.tx.manager
      .createQueryBuilder(TeamInvitation, 'i')
      .innerJoinAndSelect('i.inviter', 'u')
      .where('i.organizationId = :organizationId', { organizationId })
      .andWhere('i.acceptedAt IS NULL AND i.revokedAt IS NULL AND i.expiresAt > now()')
      .orderBy('i.createdAt', 'DESC')
      .getMany();
    return rows.map((row) => toInvitationDto(row, row.inviter!));
  }

  /** Revokes an open invitation: its link then answers 410 TEAM_INVITATION_REVOKED. */
  async revoke(user: AuthUser, organizationId: string, invitationId: string): Promise<void> {
    await this.tx.run(async () => {
      await this.teams.assertManages(user, organizationId);
      const [, revoked] = await this.tx.query<[unknown[], number]>(
        `UPDATE team_invitation SET revoked_at = now()
          WHERE id = $1 AND organization_id = $2 AND accepted_at IS NULL AND revoked_at IS NULL
          RETURNING 1`,
        [invitationId, organizationId],
      );
      if (revoked === 1) {
        await this.outbox.drop([`team-invitation:${invitationId}`], 'team-invitation');
        return;
      }
      const row = await this.tx.manager.findOneBy(TeamInvitation, {
        id: invitationId,
        organizationId,
      });
      if (!row) throw IdentityError.TEAM_INVITATION_NOT_FOUND({ id: invitationId });
      throw REFUSAL[invitationState(row) as keyof typeof REFUSAL]({ id: invitationId });
    });
  }

  /** What the link shows (anyone holding it). */
  async view(user: AuthUser | undefined, token: string): Promise<TeamInvitationViewDto> {
    const row = await this.tx.manager.findOne(TeamInvitation, {
      where: { tokenHash: tokenHashOf(token) },
      relations: { organization: true, inviter: true },
    });
    if (!row) throw IdentityError.TEAM_INVITATION_NOT_FOUND();
    return {
      organization: { id: row.organizationId, name: row.organization!.name },
      role: row.role,
      invitedBy: row.inviter!.name,
      expiresAt: row.expiresAt,
      state: invitationState(row),
      acceptedByYou: !!user && row.acceptedBy === user.id,
    };
  }

  /**
   * The signed-in account accepts: it gets the role (a team role opens the organizer's console,
   * see actsAs). Only an open invitation moves; a used, revoked or expired one answers 410, an
   * unknown token 404.
   */
  async accept(user: AuthUser, token: string): Promise<AcceptedTeamInvitationDto> {
    return this.tx.run(async (manager) => {
      const [rows] = await this.tx.query<[TeamInvitationRow[], number]>(
        `UPDATE team_invitation SET accepted_by = $2, accepted_at = now()
          WHERE token_hash = $1 AND accepted_at IS NULL AND revoked_at IS NULL
            AND expires_at > now()
          RETURNING id, organization_id, role, invited_by`,
        [tokenHashOf(token), user.id],
      );
      const accepted = rows[0];
      if (!accepted) {
        const row = await manager.findOneBy(TeamInvitation, { tokenHash: tokenHashOf(token) });
        if (!row) throw IdentityError.TEAM_INVITATION_NOT_FOUND();
        throw REFUSAL[invitationState(row) as keyof typeof REFUSAL]({ id: row.id });
      }
      const organization = await manager.findOneOrFail(Organization, {
        where: { id: accepted.organization_id },
        lock: { mode: 'pessimistic_write' },
      });
      await this.teams.give(organization.id, user.id, accepted.role);
      return {
        organization: { id: organization.id, name: organization.name },
        role: accepted.role,
      };
    });
  }

  private async tell(
    invitation: TeamInvitation,
    organization: Organization,
    inviter: AuthUser,
    token: string,
    knownLocale: 'zh-CN' | 'en' | undefined,
  ): Promise<void> {
    const locale = knownLocale ?? inviter.locale ?? this.config.defaultLocale;
    await this.outbox.add([
      {
        idempotencyKey: `team-invitation:${invitation.id}`,
        channel: 'email',
        template: 'team-invitation',
        locale,
        recipient: invitation.email,
        subject: `team-invitation:${invitation.id}`,
        data: {
          organization: organization.name,
          inviter: inviter.name,
          role: MEMBERSHIP_ROLE_NAMES[invitation.role][locale],
          acceptUrl: `${this.config.publicUrl}/team-invitations/${token}`,
          expiresAt: formatDateTime(invitation.expiresAt, this.config.defaultTimeZone, locale),
        },
      },
    ]);
  }
}

interface TeamInvitationRow {
  id: string;
  organization_id: string;
  role: TeamInvitation['role'];
  invited_by: string;
}

function toInvitationDto(
  row: TeamInvitation,
  inviter: { id: string; name: string },
): TeamInvitationDto {
  return {
    id: row.id,
    organizationId: row.organizationId,
    email: row.email,
    role: row.role,
    invitedBy: { id: inviter.id, name: inviter.name },
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
  };
}
