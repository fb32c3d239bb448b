import { applyDecorators } from '@nestjs/common';
import { OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { SearchQueryDto, TextList, Trim, DateTime } from 'src/common/dto';
import { FieldProblem } from 'src/common/errors/domain-error';
import { FieldsFitTogether } from 'src/common/errors/field-problems';
import {
  EVENT_FORMATS,
  EVENT_KINDS,
  EventFormat,
  EventKind,
  QUESTION_KINDS,
  QuestionKind,
  VISIBILITIES,
  Visibility,
} from 'src/events/event-kinds';
import { EVENT_STATUSES, EventStatus } from 'src/events/event-status';
import { eventInputProblems } from 'src/events/event-rules';
import { Sector } from 'src/events/sectors';

const Quota = (): PropertyDecorator => applyDecorators(IsOptional(), IsInt(), Min(0), Max(100_000));

/** Most seats per sector (政产学研金服用); leave a sector out for no limit. */
export class SectorQuotasDto implements Partial<Record<Sector, number>> {
  @Quota() government?: number;
  @Quota() industry?: number;
  @Quota() academia?: number;
  @Quota() research?: number;
  @Quota() finance?: number;
  @Quota() services?: number;
  @Quota() users?: number;
}

export class QuestionDto {
  /** Stable key of the answer, e.g. `company_size`. */
  @Matches(/^[a-z][a-z0-9_]{0,39}$/)
  id!: string;

  @Trim()
  @IsString()
  @Length(1, 200)
  label!: string;

  @IsIn(QUESTION_KINDS)
  kind!: QuestionKind;

  /** Choices, for the choice kinds. */
  @TextList(30, 100)
  options?: string[];

  @IsOptional()
  @IsBoolean()
  required?: boolean;
}

export class CreateEventDto implements FieldsFitTogether {
  @IsOptional()
  @IsUUID()
  seriesId?: string;

  /** The organizing organization; you must be one of its organizers. */
  @IsUUID()
  organizationId!: string;

  @IsIn(EVENT_KINDS)
  kind!: EventKind;

  @IsIn(EVENT_FORMATS)
  format!: EventFormat;

  @IsIn(VISIBILITIES)
  visibility!: Visibility;

  @Trim()
  @IsString()
  @Length(1, 200)
  title!: string;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  summary?: string;

  /** 主办单位. */
  @TextList(20, 200)
  hosts?: string[];

  /** 协办单位. */
  @TextList(30, 200)
  coOrganizers?: string[];

  /** 行业领域, e.g. ["电子信息"]. */
  @TextList(20, 50)
  industryFields?: string[];

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(300)
  venueAddress?: string;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  venueRoom?: string;

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https', 'rtmp', 'rtmps'], require_protocol: true })
  @MaxLength(500)
  streamUrl?: string;

  /** ISO 8601, e.g. 2026-12-18T14:00:00+08:00. */
  @DateTime()
  startsAt!: Date;

  @DateTime()
  endsAt!: Date;

  /** IANA time zone the times are shown in; defaults to the platform's. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  /** Seats; leave out for unlimited. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  capacity?: number;

  @IsOptional()
  @DateTime()
  registrationOpensAt?: Date;

  @IsOptional()
  @DateTime()
  registrationClosesAt?: Date;

  @IsOptional()
  @ValidateNested()
  @Type(() => SectorQuotasDto)
  sectorQuotas?: SectorQuotasDto;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => QuestionDto)
  questions?: QuestionDto[];

  /**
   * Guests confirm their registration by the e-mail or SMS link before their seat is theirs: it is
   * held for a while (REGISTRATION_HOLD_MINUTES) and released if not confirmed. Default false.
   */
  @IsOptional()
  @IsBoolean()
  guestsConfirm?: boolean;

  /**
   * Invitees' seats are kept for them until they answer or the hold ends (INVITATION_SEAT_HOLD_DAYS,
   * at most until registration closes). Default: on for invite-only and closed-door events.
   */
  @IsOptional()
  @IsBoolean()
  invitationsHoldSeats?: boolean;

  /** Minutes before the start to remind registrants; default [1440, 60] (24 h and 1 h). */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(0)
  @ArrayMaxSize(5)
  @IsInt({ each: true })
  @Min(5, { each: true })
  @Max(30 * 24 * 60, { each: true })
  reminderOffsetsMinutes?: number[];

  /** Whether the times, questions and time zone given fit together (`eventInputProblems`). */
  crossFieldProblems(): FieldProblem[] {
    return eventInputProblems(this);
  }
}

/**
 * Seats are changed by `PUT /events/:id/capacity`, which keeps the seat ledger and gives new seats to
 * the waiting list; a capacity sent here is refused as an unknown field.
 */
export class UpdateEventDto
  extends PartialType(
    OmitType(CreateEventDto, ['organizationId', 'capacity', 'crossFieldProblems'] as const),
  )
  implements FieldsFitTogether
{
  /** The fields given that do not fit together (those kept are compared when the event is saved). */
  crossFieldProblems(): FieldProblem[] {
    return eventInputProblems(this);
  }
}

/** A copy's new start (ISO 8601); left out, the copy keeps the times, to be set on the draft. */
export class CopyEventDto {
  @IsOptional()
  @DateTime()
  startsAt?: Date;
}

export class ChangeEventStatusDto {
  @IsIn(EVENT_STATUSES)
  status!: EventStatus;

  /** Why, when cancelling: told to everyone registered or invited. */
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class EventQueryDto extends SearchQueryDto {
  /** Only the events the caller manages (an organizer's console), not every one they may see. */
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  managed?: boolean;

  /**
   * Only the events of the organizations the caller is of (any team role) or above, drafts and
   * closed doors included: what their console reads, not every public event.
   */
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  inside?: boolean;

  /**
   * Only the events of this organization and of the organizations below it (a city and its
   * districts), still only those the caller may see: an organization outside their sight gives its
   * public events at most.
   */
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  /** By start: `asc` (the default) or `desc`, the latest first. */
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';

  @IsOptional()
  @IsIn(EVENT_KINDS)
  kind?: EventKind;

  /** An industry field, e.g. 新材料. */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  field?: string;

  @IsOptional()
  @IsUUID()
  seriesId?: string;

  @IsOptional()
  @IsIn(EVENT_STATUSES)
  status?: EventStatus;

  /** Events ending after this moment. */
  @IsOptional()
  @DateTime()
  from?: Date;

  /** Events starting before this moment. */
  @IsOptional()
  @DateTime()
  to?: Date;
}

export class EventDto {
  id!: string;
  seriesId!: string | null;
  organizationId!: string;
  kind!: EventKind;
  format!: EventFormat;
  visibility!: Visibility;
  status!: EventStatus;
  title!: string;
  summary!: string;
  hosts!: string[];
  coOrganizers!: string[];
  industryFields!: string[];
  venueAddress!: string | null;
  venueRoom!: string | null;
  streamUrl!: string | null;
  startsAt!: Date;
  endsAt!: Date;
  timeZone!: string;
  capacity!: number | null;
  registrationOpensAt!: Date | null;
  registrationClosesAt!: Date | null;
  sectorQuotas!: SectorQuotasDto;
  questions!: QuestionDto[];
  guestsConfirm!: boolean;
  invitationsHoldSeats!: boolean;
  reminderOffsetsMinutes!: number[];
  cancellationReason!: string | null;
  /** When the agenda was published; null while only organizers see it. */
  agendaPublishedAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;
}

export class EventPageDto {
  items!: EventDto[];
  total!: number;
  limit!: number;
  offset!: number;
}
