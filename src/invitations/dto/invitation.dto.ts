import { AcceptPrivacy } from 'src/privacy/accept-privacy';
import { RowErrorDto } from 'src/common/rows';
import {
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  MaxLength,
} from 'class-validator';
import { NormalizeEmail, PageQueryDto, Trim } from 'src/common/dto';
import { CnMobile } from 'src/common/mobile';
import { LOCALES, Locale } from 'src/config/config';
import { SECTORS, Sector } from 'src/events/sectors';
import { InvitationView } from 'src/invitations/invitation-status';
import { CoHostConsents } from 'src/registrations/dto/registration.dto';
import { Answers } from 'src/registrations/registration-rules';

/** One invitee; checked row by row, so that one bad row does not hold up the others. */
export class InviteeDto {
  @Trim()
  @IsString()
  @Length(1, 100)
  name!: string;

  /** An e-mail address or a mobile number, or both: one of them is needed. */
  @IsOptional()
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  /** A mainland mobile number (11 digits; +86, spaces and dashes are removed). */
  @IsOptional()
  @CnMobile()
  mobile?: string;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  organizationName?: string;

  /** 政产学研金服用. */
  @IsIn(SECTORS)
  sector!: Sector;

  /** The invitee's part at the event: 嘉宾, 路演专家, 投资人 … */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(50)
  role?: string;

  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class InviteDto {
  /** Up to 10,000 invitees; each is checked on its own (see the response's `errors`). */
  @IsArray()
  @ArrayMinSize(1)
  @IsObject({ each: true })
  invitees!: Record<string, unknown>[];
}

export class InviteResultDto {
  invited!: number;
  /** Invitees of this event already (by e-mail or mobile): not invited twice. */
  alreadyInvited!: number;
  errors!: RowErrorDto[];
}

export class InvitationQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(['created', 'sent', 'failed', 'opened', 'accepted', 'declined', 'revoked', 'expired'])
  status?: InvitationView;
}

export class InvitationTokenDto {
  @IsString()
  @Length(10, 100)
  token!: string;
}

export class AcceptInvitationDto {
  /** Answers to the event's registration questions. */
  @IsOptional()
  @IsObject()
  answers?: Answers;

  /** 同意个人信息保护告知书 (must be true; see /privacy). */
  @AcceptPrivacy()
  acceptPrivacy!: true;

  /** The event's co-hosts that may see the invitee's contacts (separate consent, none by default). */
  @CoHostConsents()
  shareContactsWith?: string[];
}

export class InvitationDto {
  id!: string;
  eventId!: string;
  name!: string;
  email!: string | null;
  mobile!: string | null;
  organizationName!: string | null;
  sector!: Sector;
  role!: string | null;
  status!: InvitationView;
  registrationId!: string | null;
  /** Until when a seat is kept for the invitee (null: none kept, or no longer). */
  seatHeldUntil!: Date | null;
  openedAt!: Date | null;
  respondedAt!: Date | null;
  createdAt!: Date;
}

export class InvitationPageDto {
  items!: InvitationDto[];
  total!: number;
  limit!: number;
  offset!: number;
}

/** What an invitee sees on opening the link. */
export class InvitationDetailDto extends InvitationDto {
  eventTitle!: string;
  eventStartsAt!: Date;
  eventSummary!: string;
  venue!: string | null;
}
