import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsObject, IsOptional } from 'class-validator';
import { MAX_ROWS } from 'src/backfill/backfill-rows';

const rows = (example: Record<string, unknown>, description: string) =>
  ApiPropertyOptional({
    type: 'array',
    items: { type: 'object' },
    example: [example],
    description,
  });

/**
 * A past programme's rows by kind. Each row is checked on its own (see backfill-rows.ts); rows name
 * the event, result or deal they belong to by its `key`.
 */
export class BackfillRowsDto {
  @rows(
    {
      key: 'E1',
      title: '2021 菁蓉汇·云对接',
      kind: 'cloud_docking',
      format: 'online',
      startsAt: '2021-03-10T14:00:00+08:00',
      endsAt: '2021-03-10T17:00:00+08:00',
    },
    '活动：直接记为已结束 / events, concluded at once',
  )
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ROWS)
  @IsObject({ each: true })
  events?: Record<string, unknown>[];

  @rows(
    {
      key: 'R1',
      event: 'E1',
      title: 'MEMS气体传感器',
      institutionName: '四川大学',
      readinessLevel: 6,
      releasedAt: '2021-03-10T14:00:00+08:00',
    },
    '成果：按原发布时间 / results released on their own dates',
  )
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ROWS)
  @IsObject({ each: true })
  results?: Record<string, unknown>[];

  @rows(
    {
      event: 'E1',
      title: '燃气泄漏监测',
      enterpriseName: '成都燃气集团',
      releasedAt: '2021-03-01T00:00:00+08:00',
    },
    '需求：按原征集时间 / needs collected on their own dates',
  )
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ROWS)
  @IsObject({ each: true })
  needs?: Record<string, unknown>[];

  @rows({ event: 'E1', result: 'R1' }, '路演：记为已入选 / roadshows, accepted')
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ROWS)
  @IsObject({ each: true })
  roadshows?: Record<string, unknown>[];

  @rows(
    {
      key: 'D1',
      event: 'E1',
      result: 'R1',
      enterpriseName: '成都芯联传感科技有限公司',
      institutionName: '四川大学',
      type: 'transfer',
      contractValueFen: 50000000,
      signedOn: '2021-03-10',
      landed: true,
    },
    '签约：按签约日期 / deals signed on their days',
  )
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ROWS)
  @IsObject({ each: true })
  deals?: Record<string, unknown>[];

  @rows(
    { deal: 'D1', months: 12, landed: true, receivedFen: 20000000, outputValueFen: 300000000 },
    '回访：3、6、12 个月 / check-ins at 3, 6, 12 months',
  )
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ROWS)
  @IsObject({ each: true })
  checkIns?: Record<string, unknown>[];

  @rows(
    { event: 'E1', source: '抖音', views: 5000 },
    '外部观看 / views counted by outside channels',
  )
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ROWS)
  @IsObject({ each: true })
  views?: Record<string, unknown>[];
}

export class BackfillDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  organizationId!: string;

  @ApiProperty({ example: { events: 6, results: 40 }, description: '各类补录行数 / rows by kind' })
  counts!: Record<string, number>;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty({ nullable: true, type: Date })
  undoneAt!: Date | null;
}
