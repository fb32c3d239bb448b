import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto, Trim } from 'src/common/dto';
import { Locale } from 'src/config/config';
import { ROLES, Role } from 'src/identity/roles';

export class UserQueryDto extends PageQueryDto {
  /** Part of the name or e-mail. */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  q?: string;

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
  email!: string;
  mobile!: string | null;
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
