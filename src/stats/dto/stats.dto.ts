import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { Trim, DateTime } from 'src/common/dto';
import { EventFigures } from 'src/stats/figures';

export class ExternalViewsDto {
  /** The channel, e.g. 视频号. */
  @Trim()
  @IsString()
  @Length(1, 100)
  source!: string;

  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  views!: number;
}

export class EventStatisticsDto {
  eventId!: string;
  compiledAt!: Date;
  figures!: EventFigures;
}

/** How a roll-up is split; `organization`: by each event's organizing organization (a city's districts). */
export const GROUPINGS = [
  'year',
  'quarter',
  'field',
  'series',
  'organization',
  'institution',
  'region',
] as const;
export type Grouping = (typeof GROUPINGS)[number];

export class RollupQueryDto {
  @IsOptional()
  @IsUUID()
  seriesId?: string;

  /**
   * Only the events of this organization and of the organizations below it (a city and its
   * districts), within the caller's own scope: an organization outside it counts nothing.
   */
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  /** Events starting from … */
  @IsOptional()
  @DateTime()
  from?: Date;

  /** … and before. */
  @IsOptional()
  @DateTime()
  to?: Date;

  /** Groups: by period (year, quarter), industry field or series (figures), or by institution or region (deals). */
  @IsOptional()
  @IsIn(GROUPINGS)
  by?: Grouping;
}

export class RollupGroupDto {
  key!: string;
  events!: number;
  /** For period, field and series groups. */
  figures!: EventFigures | null;
  /** For institution and region groups. */
  deals!: { count: number; valueFen: number } | null;
}

export class RollupDto {
  events!: number;
  totals!: EventFigures;
  /**
   * Research results released and needs collected by the programmes in scope in the period: brought
   * into their events or series (submitted, presented, brought, imported, attached), once each.
   */
  catalog!: { results: number; needs: number };
  /** The report sentence, in zh-CN. */
  summary!: string;
  groups!: RollupGroupDto[];
}
