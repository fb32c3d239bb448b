import {
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { Trim } from 'src/common/dto';
import { MEMBERSHIP_ROLES, MembershipRole } from 'src/identity/roles';

/** `/organizations/:id/team/:userId`: one person of an organization's team. */
export class TeamMemberParamsDto {
  @IsUUID()
  id!: string;

  @IsUUID()
  userId!: string;
}

/** A person's role in the organization (and their title there). */
export class SetTeamRoleDto {
  @IsIn(MEMBERSHIP_ROLES)
  role!: MembershipRole;

  /** 职务, e.g. 活动部主任. */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  title?: string;
}

/** A person given a role by their e-mail address (and their title there). */
export class AddTeamMemberDto extends SetTeamRoleDto {
  @Trim()
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

/** The organization above this one; `null` makes it a top-level organization. */
export class SetParentDto {
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  parentId!: string | null;
}

export class TeamMemberDto {
  userId!: string;
  name!: string;
  email!: string | null;
  role!: MembershipRole;
  title!: string | null;
}
