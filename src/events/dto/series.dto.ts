import { IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { Trim } from 'src/common/dto';

export class CreateSeriesDto {
  /** The organizing organization; you must be one of its organizers. */
  @IsUUID()
  organizationId!: string;

  /** e.g. 菁蓉汇·校企双进. */
  @Trim()
  @IsString()
  @Length(1, 200)
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;
}

export class SeriesDto {
  id!: string;
  organizationId!: string;
  name!: string;
  description!: string;
  createdAt!: Date;
}
