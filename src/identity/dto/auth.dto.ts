import { OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsMobilePhone,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { NormalizeEmail, Trim } from 'src/common/dto';
import { LOCALES, Locale } from 'src/config/config';
import { CreateOrganizationDto, OrganizationDto } from 'src/identity/dto/organization.dto';
import { UserDto } from 'src/identity/dto/user.dto';
import { SELF_SERVICE_ROLES } from 'src/identity/roles';
import { AcceptPrivacy } from 'src/privacy/accept-privacy';

export class SignUpDto {
  /** 姓名. */
  @Trim()
  @IsString()
  @Length(1, 100)
  name!: string;

  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email!: string;

  /** 8 to 128 characters. */
  @IsString()
  @Length(8, 128)
  password!: string;

  /** 手机号, e.g. 13800138000 or +8613800138000. */
  @IsOptional()
  @Trim()
  @IsMobilePhone()
  mobile?: string;

  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;

  /** expert (专家) or enterprise (企业); organizers are appointed by an admin. */
  @IsIn(SELF_SERVICE_ROLES)
  role!: (typeof SELF_SERVICE_ROLES)[number];

  /** Registers your organization with you as its first member. */
  @IsOptional()
  @ValidateNested()
  @Type(() => CreateOrganizationDto)
  organization?: CreateOrganizationDto;

  /** 同意个人信息保护告知书 (must be true; see /privacy). */
  @AcceptPrivacy()
  acceptPrivacy!: true;
}

export class LoginDto {
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @IsString()
  @Length(1, 128)
  password!: string;
}

export class ChangePasswordDto {
  @IsString()
  @Length(1, 128)
  currentPassword!: string;

  /** 8 to 128 characters. */
  @IsString()
  @Length(8, 128)
  newPassword!: string;
}

export class MembershipDto {
  organization!: OrganizationDto;
  title!: string | null;
}

export class MeDto extends OmitType(UserDto, ['createdAt'] as const) {
  memberships!: MembershipDto[];
}

export class SessionDto {
  /** Send as `Authorization: Bearer <token>`; pages use the HttpOnly cookie set alongside. */
  token!: string;
  expiresAt!: Date;
  user!: MeDto;
}
