import { OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { NormalizeEmail, Trim } from 'src/common/dto';
import { LOCALES, Locale } from 'src/config/config';
import { CreateOrganizationDto, OrganizationDto } from 'src/identity/dto/organization.dto';
import { UserDto } from 'src/identity/dto/user.dto';
import { SELF_SERVICE_ROLES } from 'src/identity/roles';
import { AcceptPrivacy } from 'src/privacy/accept-privacy';
import { CnMobile } from 'src/common/mobile';
import { AddressKind } from 'src/identity/verification-rules';

export class SignUpDto {
  /** 姓名. */
  @Trim()
  @IsString()
  @Length(1, 100)
  name!: string;

  /** E-mail, mobile or both (at least one); each is verified before anything is granted on it. */
  @IsOptional()
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  /** Needed with an e-mail address (8 to 128 characters); a mobile-only account signs in by SMS code. */
  @ValidateIf((o: SignUpDto) => !!o.email || o.password !== undefined)
  @IsString()
  @Length(8, 128)
  password?: string;

  /** 手机号, e.g. 13800138000 or +8613800138000. */
  @IsOptional()
  @CnMobile()
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

/** The same answer whether or not an address is taken: where to look for the link or code. */
export class SignUpAnswerDto {
  /** `email`: a link was sent; `mobile`: a 6-digit code was sent. */
  sentTo!: AddressKind[];
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

/** An e-mail link's token (from `?token=` of the link). */
export class LinkTokenDto {
  @IsString()
  @Length(20, 100)
  token!: string;
}

export class MobileDto {
  /** 手机号. */
  @CnMobile()
  mobile!: string;
}

export class MobileCodeDto extends MobileDto {
  /** The 6-digit code of the SMS. */
  @Matches(/^\d{6}$/)
  code!: string;
}

export class EmailDto {
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

/** A reset link or code to the e-mail address or the mobile number (one of them). */
export class ResetRequestDto {
  @ValidateIf((o: ResetRequestDto) => !o.mobile)
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ValidateIf((o: ResetRequestDto) => !o.email)
  @CnMobile()
  mobile?: string;
}

export class ResetByLinkDto extends LinkTokenDto {
  /** 8 to 128 characters. */
  @IsString()
  @Length(8, 128)
  newPassword!: string;
}

export class ResetByCodeDto extends MobileCodeDto {
  /** 8 to 128 characters. */
  @IsString()
  @Length(8, 128)
  newPassword!: string;
}

/** One signed-in device of the caller. */
export class SessionInfoDto {
  id!: string;
  createdAt!: Date;
  expiresAt!: Date;
  ip!: string | null;
  userAgent!: string | null;
  /** The session this request came with. */
  current!: boolean;
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
