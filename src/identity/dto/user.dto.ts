import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { SearchQueryDto } from 'src/common/dto';
import { Locale } from 'src/config/config';
import { ROLES, Role } from 'src/identity/roles';

/** `q`: part of the name or e-mail. */
export class UserQueryDto extends SearchQueryDto {
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
}

export class RoleParamsDto {
  @IsUUID()
  id!: string;

  @IsIn(ROLES)
  role!: Role;
}

export class UserDto {
  id!: string;
  name!: string;
  /** Only for admins and the managers of the person's organizations. */
  email?: string | null;
  mobile?: string | null;
  /** Whether the address was proved by its link or code (shown with the address). */
  emailVerified?: boolean;
  mobileVerified?: boolean;
  /** Disabled by an admin: cannot sign in. */
  disabled?: boolean;
  locale!: Locale;
  roles!: Role[];
  createdAt!: Date;
}

export class UserPageDto {
  items!: UserDto[];
  total!: number;
  limit!: number;
  offset!: number;
}
