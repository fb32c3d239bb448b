import { IsEmail, IsIn, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { NormalizeEmail } from 'src/common/dto';
import { MEMBERSHIP_ROLES, MembershipRole } from 'src/identity/roles';

/** A person invited to an organization's team by e-mail, with the role the link gives. */
export class InviteToTeamDto {
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @IsIn(MEMBERSHIP_ROLES)
  role!: MembershipRole;
}

/** `/organizations/:id/team/invitations/:invitationId`. */
export class TeamInvitationParamsDto {
  @IsUUID()
  id!: string;

  @IsUUID()
  invitationId!: string;
}

/** `/team-invitations/:token`: the token of an invitation's link. */
export class TeamInvitationTokenDto {
  @IsString()
  @Length(20, 100)
  token!: string;
}

/** An open invitation, as the organization's managers see it. */
export class TeamInvitationDto {
  id!: string;
  organizationId!: string;
  email!: string;
  role!: MembershipRole;
  invitedBy!: { id: string; name: string };
  expiresAt!: Date;
  createdAt!: Date;
}

/** Where an invitation stands, as its link shows it. */
export const TEAM_INVITATION_STATES = ['open', 'expired', 'revoked', 'accepted'] as const;
export type TeamInvitationState = (typeof TEAM_INVITATION_STATES)[number];

/** What an invitation's link shows: the organization, the role and whether it can be accepted. */
export class TeamInvitationViewDto {
  organization!: { id: string; name: string };
  role!: MembershipRole;
  invitedBy!: string;
  expiresAt!: Date;
  state!: TeamInvitationState;
  /** Whether the caller is the account that accepted it. */
  acceptedByYou!: boolean;
}

/** The role the account now holds after accepting. */
export class AcceptedTeamInvitationDto {
  organization!: { id: string; name: string };
  role!: MembershipRole;
}
