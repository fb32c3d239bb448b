import { applyDecorators } from '@nestjs/common';
import { OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { AttachmentDto } from 'src/catalog/dto/attachment.dto';
import { Fen, PageQueryDto, Trim } from 'src/common/dto';
import {
  CHECK_IN_MONTHS,
  CONTRACT_CATEGORIES,
  ContractCategory,
  DEAL_TYPES,
  DealType,
} from 'src/deals/follow-up';
import { STAGES, Stage } from 'src/deals/follow-up-status';

/** A day, YYYY-MM-DD. */
const Day = (): PropertyDecorator => applyDecorators(IsISO8601({ strict: true }), Length(10, 10));

export class CreateIntentDto {
  @Trim()
  @IsString()
  @Length(1, 200)
  enterpriseName!: string;

  /** The result wanted … */
  @IsOptional()
  @IsUUID()
  resultId?: string;

  /** … and/or the expert team. */
  @IsOptional()
  @IsUUID()
  expertId?: string;

  /** The event where it arose (a roadshow, a salon …). */
  @IsOptional()
  @IsUUID()
  eventId?: string;

  @IsOptional()
  @IsUUID()
  dockingMeetingId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  note?: string;

  /**
   * The author's separate consent (PIPL Art. 23) to show their mobile and e-mail to the expert
   * behind the result or profile; without it the expert sees their name and organization only.
   * Given or withdrawn later with `PUT /api/intents/{id}/share-contacts`.
   */
  @IsOptional()
  @IsBoolean()
  shareMyContacts?: boolean;
}

export class IntentDto {
  id!: string;
  userId!: string;
  enterpriseName!: string;
  resultId!: string | null;
  expertId!: string | null;
  eventId!: string | null;
  dockingMeetingId!: string | null;
  note!: string;
  stage!: Stage;
  dropReason!: string | null;
  ownerId!: string | null;
  lastContactAt!: Date;
  createdAt!: Date;
}

export class IntentQueryDto extends PageQueryDto {
  @IsOptional()
  @IsUUID()
  eventId?: string;

  @IsOptional()
  @IsIn(STAGES)
  stage?: Stage;
}

export class IntentPageDto {
  items!: IntentDto[];
  total!: number;
  limit!: number;
  offset!: number;
}

export class MoveStageDto {
  @IsIn(STAGES)
  stage!: Stage;

  /** Required when dropping. */
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 1_000)
  reason?: string;
}

export class AssignOwnerDto {
  @IsUUID()
  ownerId!: string;
}

export class CreateDealDto {
  @Trim()
  @IsString()
  @Length(1, 200)
  enterpriseName!: string;

  @Trim()
  @IsString()
  @Length(1, 200)
  institutionName!: string;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(300)
  expertTeam?: string;

  @IsOptional()
  @IsUUID()
  resultId?: string;

  @IsOptional()
  @IsUUID()
  needId?: string;

  @IsOptional()
  @IsUUID()
  eventId?: string;

  @IsOptional()
  @IsUUID()
  agendaItemId?: string;

  @IsOptional()
  @IsUUID()
  dockingMeetingId?: string;

  @IsIn(DEAL_TYPES)
  type!: DealType;

  /** 合同金额 in fen (分); at most 1,000 亿元. */
  @Fen()
  contractValueFen!: number;

  /**
   * 协议投资额 in fen, when the agreement names an investment beyond its contract value (the
   * technology-transaction value, 技术交易额).
   */
  @IsOptional()
  @Fen()
  investmentFen?: number;

  /** The official category of the technology contract (技术开发/转让/许可/咨询/服务). */
  @IsOptional()
  @IsIn(CONTRACT_CATEGORIES)
  contractCategory?: ContractCategory;

  /** YYYY-MM-DD, not in the future. */
  @Day()
  signedOn!: string;

  /** Signed on stage at the event's signing ceremony (needs `eventId`). */
  @IsOptional()
  @IsBoolean()
  atCeremony?: boolean;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AttachmentDto)
  attachments?: AttachmentDto[];

  /** Who follows it up; the signer-in when left out. */
  @IsOptional()
  @IsUUID()
  ownerId?: string;
}

/** A correction: the fields that change, and why (required when the amount changes). */
export class CorrectDealDto extends PartialType(OmitType(CreateDealDto, ['ownerId'] as const)) {
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 1_000)
  reason?: string;
}

export class DealDto {
  id!: string;
  intentId!: string | null;
  enterpriseName!: string;
  institutionName!: string;
  expertTeam!: string;
  resultId!: string | null;
  needId!: string | null;
  eventId!: string | null;
  agendaItemId!: string | null;
  dockingMeetingId!: string | null;
  type!: DealType;
  contractValueFen!: number;
  investmentFen!: number | null;
  contractCategory!: ContractCategory | null;
  /** The technology-contract registration (认定登记), once registered. */
  registration!: ContractRegistrationDto | null;
  signedOn!: string;
  atCeremony!: boolean;
  attachments!: AttachmentDto[];
  stage!: Stage;
  dropReason!: string | null;
  ownerId!: string | null;
  lastContactAt!: Date;
  createdAt!: Date;
}

/** A technology contract's registration (技术合同认定登记) as the registry issued it. */
export class RegisterContractDto {
  @IsIn(CONTRACT_CATEGORIES)
  category!: ContractCategory;

  /** The registration number (登记编号) the registry gave. */
  @Trim()
  @IsString()
  @Length(1, 50)
  registrationNumber!: string;

  /** 登记金额 (the registered amount) in fen. */
  @Fen()
  registeredAmountFen!: number;

  /** YYYY-MM-DD, not in the future. */
  @Day()
  registeredOn!: string;
}

export class ContractRegistrationDto {
  category!: ContractCategory;
  registrationNumber!: string;
  registeredAmountFen!: number;
  registeredOn!: string;
}

export class DealQueryDto extends PageQueryDto {
  @IsOptional()
  @IsUUID()
  eventId?: string;

  @IsOptional()
  @IsIn(STAGES)
  stage?: Stage;
}

export class DealPageDto {
  items!: DealDto[];
  total!: number;
  limit!: number;
  offset!: number;
}

export class ContactDto {
  /** What was said, for the history. */
  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  note?: string;
}

export class RecordDealCheckInDto {
  @IsIn(CHECK_IN_MONTHS)
  months!: (typeof CHECK_IN_MONTHS)[number];

  @IsBoolean()
  landed!: boolean;

  @Fen()
  receivedFen!: number;

  @Fen()
  outputValueFen!: number;

  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  note?: string;
}

export class CreateTaskDto {
  @IsOptional()
  @IsUUID()
  intentId?: string;

  @IsOptional()
  @IsUUID()
  dealId?: string;

  @IsUUID()
  ownerId!: string;

  @Trim()
  @IsString()
  @Length(1, 200)
  title!: string;

  @Day()
  dueOn!: string;

  @IsOptional()
  @IsString()
  @MaxLength(5_000)
  notes?: string;
}

export class UpdateTaskDto {
  @IsOptional()
  @Day()
  dueOn?: string;

  @IsOptional()
  @IsString()
  @MaxLength(5_000)
  notes?: string;

  /** Marks it done. */
  @IsOptional()
  @IsBoolean()
  done?: boolean;
}

export class TaskDto {
  id!: string;
  intentId!: string | null;
  dealId!: string | null;
  ownerId!: string;
  title!: string;
  dueOn!: string;
  notes!: string;
  doneAt!: Date | null;
}

/** How a signed deal stands at one milestone, as last recorded. */
export class DealCheckInDto {
  months!: number;
  landed!: boolean;
  receivedFen!: number;
  outputValueFen!: number;
  note!: string;
  recordedBy!: string;
  recordedAt!: Date;
}
