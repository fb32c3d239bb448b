import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsUUID,
} from 'class-validator';
import {
  REPORT_FORMATS,
  REPORT_FREQUENCIES,
  ReportFormat,
  ReportFrequency,
} from 'src/stats/report-periods';

/** Addresses as people paste them: one string split at commas, semicolons, spaces or lines, trimmed and lower-cased. */
const Addresses = () =>
  Transform(({ value }: { value: unknown }) => {
    const list = typeof value === 'string' ? value.split(/[\s,;，；、]+/) : value;
    if (!Array.isArray(list)) return list;
    return (list as unknown[])
      .map((a) => (typeof a === 'string' ? a.trim().toLowerCase() : a))
      .filter((a) => a !== '');
  });

/** What a manager sets: whose figures, how often, to whom, in which documents. */
export class ReportScheduleInputDto {
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: '只统计本机构的这个系列（不填：本机构及下级机构的全部活动）/ Only this series',
  })
  @IsOptional()
  @IsUUID()
  seriesId?: string | null;

  @ApiProperty({ enum: REPORT_FREQUENCIES, description: '每月 / 每季度 / monthly or quarterly' })
  @IsIn(REPORT_FREQUENCIES)
  frequency!: ReportFrequency;

  @ApiProperty({
    type: [String],
    example: ['kjj@example.gov.cn'],
    description: '收件邮箱 / recipients',
  })
  @Addresses()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsEmail({}, { each: true })
  recipients!: string[];

  @ApiPropertyOptional({
    enum: REPORT_FORMATS,
    isArray: true,
    default: ['docx'],
    description: '附件：Word、PDF 或两者 / the documents attached',
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? [value] : value))
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(REPORT_FORMATS, { each: true })
  formats?: ReportFormat[];
}

export class ReportScheduleDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  organizationId!: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  seriesId!: string | null;

  @ApiProperty({ enum: REPORT_FREQUENCIES })
  frequency!: ReportFrequency;

  @ApiProperty({ type: [String] })
  recipients!: string[];

  @ApiProperty({ enum: REPORT_FORMATS, isArray: true })
  formats!: ReportFormat[];

  @ApiProperty({ description: '下一次发送时间 / when the next report goes out' })
  nextSendingAt!: Date;

  @ApiProperty({
    nullable: true,
    type: String,
    example: '2026-11',
    description: '最近一次发送的统计期 / the last period sent',
  })
  lastPeriod!: string | null;

  @ApiProperty({ nullable: true, type: Date })
  lastSentAt!: Date | null;
}
