import { PartialType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
} from 'class-validator';
import { CONFIDENTIALITIES, Confidentiality } from 'src/catalog/catalog-kinds';
import { QueryBoolean, Region } from 'src/catalog/dto/catalog-fields';
import { Fen, SearchQueryDto, TextList, Trim } from 'src/common/dto';

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
