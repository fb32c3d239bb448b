import { PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { AVAILABILITIES, Availability } from 'src/catalog/catalog-kinds';
import { Region } from 'src/catalog/dto/catalog-fields';
import { SearchQueryDto, TextList, Trim } from 'src/common/dto';

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
