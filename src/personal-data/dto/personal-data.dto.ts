import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { PERSONAL_DATA_ACTIONS } from 'src/audit/audit-actions';
import { DateTime } from 'src/common/dto';
import { ConsentView } from 'src/privacy/consents';

export class RetentionInputDto {
  /** Months after the event ends before its people are anonymised; null for the platform's default. */
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(1200)
  months!: number | null;
}

export class RetentionDto {
  eventId!: string;
  months!: number;
  /** Whether the event has its own period (else the platform's default). */
  ownPeriod!: boolean;
  /** When its guests', invitees' and registrants' personal data is anonymised. */
  anonymiseAt!: Date;
  anonymisedAt!: Date | null;
}

/** The deletion is confirmed by the current password, or by an SMS code to the proved mobile. */
export class DeleteAccountDto {
  /** The current password, to confirm. */
  @IsOptional()
  @IsString()
  @Length(1, 128)
  password?: string;

  /** The 6-digit code sent by `POST /api/me/delete/code` (for accounts signed in by SMS). */
  @IsOptional()
  @Matches(/^\d{6}$/)
  code?: string;
}

export class ShareContactsDto {
  /** true: show my mobile and e-mail to the other party of this meeting; false: withdraw. */
  @IsBoolean()
  shared!: boolean;
}

export class MeetingPartyDto {
  userId!: string;
  name!: string;
  organization!: string | null;
  /** Whether this person consented to show their contacts for this meeting. */
  contactsShared!: boolean;
  /** Only with their consent. */
  email!: string | null;
  mobile!: string | null;
}

export class PurgedDto {
  /** Invitees who never answered, now anonymised. */
  purged!: number;
}

/** Everything the platform holds about the caller. */
export class MyDataDto {
  account!: Record<string, unknown>;
  memberships!: Record<string, unknown>[];
  registrations!: Record<string, unknown>[];
  invitations!: Record<string, unknown>[];
  consents!: ConsentView[];
  dockingMeetings!: Record<string, unknown>[];
  deals!: Record<string, unknown>[];
  sessions!: Record<string, unknown>[];
}

export class AuditQueryDto {
  /** One organization's entries (one the caller manages; any for an admin). */
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @IsOptional()
  @IsIn(PERSONAL_DATA_ACTIONS)
  action?: string;

  @IsOptional()
  @DateTime()
  since?: Date;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
