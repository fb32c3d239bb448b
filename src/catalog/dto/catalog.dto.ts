import { applyDecorators } from '@nestjs/common';
import { PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  AVAILABILITIES,
  Availability,
  CONFIDENTIALITIES,
  Confidentiality,
  COOPERATION_MODES,
  CooperationMode,
  PATENT_STATUSES,
  PatentStatus,
} from 'src/catalog/catalog-kinds';
import { Fen, SearchQueryDto, TextList, Trim } from 'src/common/dto';
import { RowErrorDto } from 'src/common/rows';

const Region = (): PropertyDecorator =>
  applyDecorators(IsOptional(), Trim(), IsString(), MaxLength(100));

/** `true`/`false` in a query string. */
const QueryBoolean = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  );

export class PatentDto {
  /** 专利号, e.g. ZL202110000001.X */
  @Trim()
  @IsString()
  @Length(1, 50)
  number!: string;

  @IsIn(PATENT_STATUSES)
  status!: PatentStatus;
}

export class TeamMemberDto {
  @Trim()
  @IsString()
  @Length(1, 100)
  name!: string;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  title?: string;
}

/** A file kept in object storage: the platform keeps what is known of it, not the bytes. */
export class AttachmentDto {
  @Trim()
  @IsString()
  @Length(1, 200)
  name!: string;

  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(1000)
  url!: string;

  @IsString()
  @Length(1, 100)
  contentType!: string;

  /** Bytes. */
  @IsInt()
  @Min(0)
  @Max(10 * 1024 ** 3)
  size!: number;
}

export class CreateResultDto {
  @Trim()
  @IsString()
  @Length(1, 200)
  title!: string;

  @Trim()
  @IsString()
  @Length(1, 500)
  summary!: string;

  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  description?: string;

  /** Industry fields (电子信息, 新材料 …). */
  @TextList(10, 50)
  fields?: string[];

  @TextList(20, 50)
  keywords?: string[];

  /** Technology readiness level, 1 (principle) to 9 (proven in production). */
  @IsInt()
  @Min(1)
  @Max(9)
  readinessLevel!: number;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PatentDto)
  patents?: PatentDto[];

  @IsOptional()
  @IsArray()
  @IsIn(COOPERATION_MODES, { each: true })
  cooperationModes?: CooperationMode[];

  /** 挂牌价下限, in fen (分). */
  @IsOptional()
  @Fen()
  askingPriceMinFen?: number;

  @IsOptional()
  @Fen()
  askingPriceMaxFen?: number;

  /** A university or institute registered on the platform. */
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  /** 成果所属单位, as written. */
  @Trim()
  @IsString()
  @Length(1, 200)
  institutionName!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => TeamMemberDto)
  team?: TeamMemberDto[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AttachmentDto)
  attachments?: AttachmentDto[];

  @Region()
  region?: string;

  /** Published results are public; unpublished ones are seen by their owner and organizers. */
  @IsOptional()
  @IsBoolean()
  published?: boolean;
}

export class UpdateResultDto extends PartialType(CreateResultDto) {}

export class ResultDto {
  id!: string;
  ownerId!: string;
  institutionId!: string | null;
  institutionName!: string;
  title!: string;
  summary!: string;
  description!: string;
  fields!: string[];
  keywords!: string[];
  readinessLevel!: number;
  patents!: PatentDto[];
  cooperationModes!: CooperationMode[];
  askingPriceMinFen!: number | null;
  askingPriceMaxFen!: number | null;
  team!: TeamMemberDto[];
  attachments!: AttachmentDto[];
  region!: string | null;
  published!: boolean;
  publishedAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;
}

export class ResultQueryDto extends SearchQueryDto {
  /** Results in this industry field. */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(50)
  field?: string;

  /** At least this readiness level. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(9)
  minReadiness?: number;

  @IsOptional()
  @IsIn(COOPERATION_MODES)
  cooperationMode?: CooperationMode;

  /** Only mine, published or not (signed in). */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  mine?: boolean;
}

export class ResultPageDto {
  items!: ResultDto[];
  total!: number;
  limit!: number;
  offset!: number;
}

export class CreateNeedDto {
  @Trim()
  @IsString()
  @Length(1, 200)
  title!: string;

  /** Confidential unless the need is public. */
  @IsString()
  @Length(1, 20_000)
  description!: string;

  @TextList(10, 50)
  fields?: string[];

  /** Confidential unless the need is public. */
  @TextList(20, 50)
  keywords?: string[];

  /** 预算下限, in fen (分); confidential unless the need is public. */
  @IsOptional()
  @Fen()
  budgetMinFen?: number;

  @IsOptional()
  @Fen()
  budgetMaxFen?: number;

  /** The day by which the enterprise wants an answer (YYYY-MM-DD). */
  @IsOptional()
  @IsISO8601({ strict: true })
  @Length(10, 10)
  deadline?: string;

  /** public; matched_only (details for the experts organizers matched); organizers_only. */
  @IsOptional()
  @IsIn(CONFIDENTIALITIES)
  confidentiality?: Confidentiality;

  /** An enterprise registered on the platform. */
  @IsOptional()
  @IsUUID()
  enterpriseId?: string;

  @Trim()
  @IsString()
  @Length(1, 200)
  enterpriseName!: string;

  @Region()
  region?: string;

  @IsOptional()
  @IsBoolean()
  published?: boolean;
}

export class UpdateNeedDto extends PartialType(CreateNeedDto) {}

export class NeedDto {
  id!: string;
  ownerId!: string;
  enterpriseId!: string | null;
  enterpriseName!: string;
  title!: string;
  fields!: string[];
  /** Null where the reader may not see the details. */
  description!: string | null;
  keywords!: string[] | null;
  budgetMinFen!: number | null;
  budgetMaxFen!: number | null;
  /** True when description, keywords and budget are withheld from this reader. */
  redacted!: boolean;
  deadline!: string | null;
  confidentiality!: Confidentiality;
  region!: string | null;
  published!: boolean;
  publishedAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;
}

export class NeedQueryDto extends SearchQueryDto {
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(50)
  field?: string;

  /** Only mine, published or not (signed in). */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  mine?: boolean;
}

export class NeedPageDto {
  items!: NeedDto[];
  total!: number;
  limit!: number;
  offset!: number;
}

export class UpsertExpertDto {
  /** Shown name; the account's name when left out. */
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 100)
  name?: string;

  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @Trim()
  @IsString()
  @Length(1, 200)
  institutionName!: string;

  /** 教授, 研究员 … */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  title?: string;

  @TextList(10, 50)
  fields?: string[];

  /** Expertise, e.g. 气体传感器, 故障诊断. */
  @TextList(30, 50)
  keywords?: string[];

  @IsOptional()
  @IsString()
  @MaxLength(5_000)
  biography?: string;

  @IsOptional()
  @IsIn(AVAILABILITIES)
  availability?: Availability;

  @Region()
  region?: string;
}

export class UpdateExpertDto extends PartialType(UpsertExpertDto) {}

export class ExpertDto {
  id!: string;
  userId!: string;
  name!: string;
  institutionId!: string | null;
  institutionName!: string;
  title!: string | null;
  fields!: string[];
  keywords!: string[];
  biography!: string;
  availability!: Availability;
  region!: string | null;
  updatedAt!: Date;
}

export class ExpertQueryDto extends SearchQueryDto {
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(50)
  field?: string;

  @IsOptional()
  @IsIn(AVAILABILITIES)
  availability?: Availability;
}

export class ExpertPageDto {
  items!: ExpertDto[];
  total!: number;
  limit!: number;
  offset!: number;
}

export class ImportResultDto {
  imported!: number;
  errors!: RowErrorDto[];
}
