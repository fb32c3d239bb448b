import { PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  COOPERATION_MODES,
  CooperationMode,
  PATENT_STATUSES,
  PatentStatus,
} from 'src/catalog/catalog-kinds';
import { AttachmentDto } from 'src/catalog/dto/attachment.dto';
import { QueryBoolean, Region } from 'src/catalog/dto/catalog-fields';
import { Fen, SearchQueryDto, TextList, Trim } from 'src/common/dto';

export class PatentDto {
  /** 专利号, e.g. ZL202110000001.X */
  @Trim()
  @IsString()
  @Length(1, 50)
  number!: string;

  @IsIn(PATENT_STATUSES)
  status!: PatentStatus;
}

export class ResultTeamMemberDto {
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
  @Type(() => ResultTeamMemberDto)
  team?: ResultTeamMemberDto[];

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
  team!: ResultTeamMemberDto[];
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
