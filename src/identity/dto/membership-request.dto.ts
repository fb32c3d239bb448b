import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { SearchQueryDto, Trim } from 'src/common/dto';
import { MembershipRequestStatus } from 'src/identity/membership-request-status';
import { MembershipRole, OrganizationKind } from 'src/identity/roles';

/** Asking to join an institution or enterprise, with a word about oneself. */
export class RequestMembershipDto {
  /** 职务、课题组 …, e.g. 材料学院教授. */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  note?: string;
}

/** A manager's rejection, with an optional reason the person is told. */
export class RejectMembershipDto {
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

/** `/organizations/:id/membership-requests/:requestId`. */
export class MembershipRequestParamsDto {
  @IsUUID()
  id!: string;

  @IsUUID()
  requestId!: string;
}

/** `q`: part of an institution's or enterprise's name. */
export class JoinableQueryDto extends SearchQueryDto {}

export class OrganizationRefDto {
  id!: string;
  name!: string;
  kind!: OrganizationKind;
}

/** A request, as its organization's managers see it. */
export class MembershipRequestDto {
  id!: string;
  organization!: OrganizationRefDto;
  user!: { id: string; name: string; email: string | null };
  note!: string | null;
  status!: MembershipRequestStatus;
  reason!: string | null;
  createdAt!: Date;
  decidedAt!: Date | null;
}

/** One's own request: to which organization, and where it stands. */
export class OwnMembershipRequestDto {
  id!: string;
  organization!: OrganizationRefDto;
  note!: string | null;
  status!: MembershipRequestStatus;
  reason!: string | null;
  createdAt!: Date;
  decidedAt!: Date | null;
}

/** An organization one belongs to, with one's role there. */
export class OwnMembershipDto {
  organization!: OrganizationRefDto;
  role!: MembershipRole;
  title!: string | null;
}

/** `GET /api/me/memberships`: where one belongs, and one's requests still pending or rejected. */
export class MyMembershipsDto {
  memberships!: OwnMembershipDto[];
  requests!: OwnMembershipRequestDto[];
}
