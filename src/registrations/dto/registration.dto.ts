import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { AcceptPrivacy } from 'src/privacy/accept-privacy';
import { NormalizeEmail, SearchQueryDto, Trim } from 'src/common/dto';
import { CnMobile } from 'src/common/mobile';
import { EventDto } from 'src/events/dto/event.dto';
import { SECTORS, Sector } from 'src/events/sectors';
import { Answers } from 'src/registrations/registration-rules';
import { REGISTRATION_STATUSES, RegistrationStatus } from 'src/registrations/registration-status';

/**
 * The co-hosts a registrant consents, one by one, to show their contacts: organization ids (a
 * form's one ticked box comes as text).
 */
export const CoHostConsents = (): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ required: false, type: [String], format: 'uuid' }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? [value] : value)),
    IsArray(),
    ArrayMaxSize(20),
    IsUUID('all', { each: true }),
  );

export class RegisterDto {
  /** 政产学研金服用: government, industry, academia, research, finance, services, users. */
  @IsIn(SECTORS)
  sector!: Sector;

  /** Needed without an account; a signed-in user's own name by default. */
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 100)
  name?: string;

  /** Without an account, this or a mobile; ignored for a signed-in user (their account's is used). */
  @IsOptional()
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  /**
   * A mainland mobile number (11 digits; +86, spaces and dashes are removed). Without an account
   * an e-mail address or a mobile number is needed, or both.
   */
  @IsOptional()
  @CnMobile()
  mobile?: string;

  /** 单位名称. */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  organizationName?: string;

  /** Answers to the event's questions, by question id: text, or a list for multiple choice. */
  @IsOptional()
  @IsObject()
  answers?: Answers;

  /** 同意个人信息保护告知书 (must be true; see /privacy). */
  @AcceptPrivacy()
  acceptPrivacy!: true;

  /**
   * The event's co-hosts (their organization ids, `GET /api/events/{id}/co-hosts`) that may see
   * the registrant's mobile and e-mail: a separate consent for each (PIPL Art. 23), none by
   * default. Without it a co-host sees the name and organization only.
   */
  @CoHostConsents()
  shareContactsWith?: string[];
}

export class CapacityDto {
  /** Seats; null for unlimited. */
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  capacity!: number | null;
}

/** `?q=` looks in the registrants' names, e-mails and organizations. */
export class RegistrationQueryDto extends SearchQueryDto {
  @IsOptional()
  @IsIn(REGISTRATION_STATUSES)
  status?: RegistrationStatus;
}

export class ManageTokenQueryDto {
  /** The secret from the registration's confirmation, for guests. */
  @IsOptional()
  @IsString()
  @Length(10, 100)
  token?: string;
}

export class RegistrationDto {
  id!: string;
  eventId!: string;
  name!: string;
  email!: string | null;
  mobile!: string | null;
  organizationName!: string | null;
  sector!: Sector;
  status!: RegistrationStatus;
  /** Place on the waiting list (1 is next), while waitlisted. */
  waitlistPosition!: number | null;
  answers!: Answers;
  confirmedAt!: Date | null;
  cancelledAt!: Date | null;
  /**
   * While `held` (a guest of an event whose organizers ask guests to confirm): the seat is released
   * at this time unless the guest confirms by their link (`POST /registrations/{id}/confirm`).
   */
  heldUntil!: Date | null;
  /** Shown at the door, also as a QR code (`/api/registrations/{id}/qr.png` or `.svg`). */
  checkInCode!: string | null;
  checkedInAt!: Date | null;
  createdAt!: Date;
}

/** One of the signed-in user's registrations, with the event it is for. */
export class MyRegistrationDto {
  registration!: RegistrationDto;
  event!: EventDto;
}

export class NewRegistrationDto extends RegistrationDto {
  /** Keep it: with `?token=` it lets you see or cancel the registration without an account. */
  manageToken!: string;
}

export class CheckInDto {
  /** The code from the QR code or typed at the door (case, spaces and dashes do not matter). */
  @IsOptional()
  @IsString()
  @Length(4, 30)
  code?: string;

  /** Or the registration found by the name and mobile search. */
  @IsOptional()
  @IsUUID()
  registrationId?: string;

  /**
   * The door device's own key for this scan (a scan queued offline is sent with it, perhaps more
   * than once): the same key again is answered as the check-in it made, never as a second one.
   */
  @IsOptional()
  @Matches(/^[\w-]{8,64}$/)
  idempotencyKey?: string;

  /**
   * When the device scanned it, for a scan queued offline and sent later: the check-in keeps that
   * time (now, when the device's clock runs ahead). At most two days back.
   */
  @IsOptional()
  @IsISO8601({ strict: true })
  scannedAt?: string;
}

/** One confirmed registrant as the door's device keeps them, to check people in offline. */
export class RosterEntryDto {
  id!: string;
  /** The check-in code, as stored (upper case, no dashes). */
  code!: string;
  name!: string;
  organizationName!: string | null;
  sector!: Sector;
  checkedInAt!: Date | null;
}

/** Sending a registrant their own page's link again, to the address they registered with. */
export class RegistrationLinkRequestDto {
  /** The e-mail address or mobile number given when registering. */
  @Trim()
  @IsString()
  @Length(3, 254)
  contact!: string;
}

export class CheckInSearchDto {
  /** Part of the name. */
  @Trim()
  @IsString()
  @Length(1, 100)
  name!: string;

  /** The last four digits of the mobile number. */
  @IsOptional()
  @Matches(/^\d{4}$/)
  mobileLast4?: string;
}

export class SectorAttendanceDto {
  sector!: Sector;
  confirmed!: number;
  checkedIn!: number;
}

export class AttendanceDto {
  confirmed!: number;
  checkedIn!: number;
  bySector!: SectorAttendanceDto[];
}

export class RegistrationPageDto {
  items!: RegistrationDto[];
  total!: number;
  limit!: number;
  offset!: number;
}
