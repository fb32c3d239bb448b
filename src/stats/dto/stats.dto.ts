import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { Trim, DateTime } from 'src/common/dto';
import { LOCALES, Locale } from 'src/config/config';
import { EventFigures, Released } from 'src/stats/figures';

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
  'kind',
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

  /** Groups: by period (year, quarter), event kind, industry field or series (figures), or by institution or region (deals). */
  @IsOptional()
  @IsIn(GROUPINGS)
  by?: Grouping;
}

export class RollupGroupDto {
  key!: string;
  events!: number;
  /**
   * For period, kind, field, series and organization groups: the events' figures added up, with
   * `released` (results released and needs collected by the group's programmes, by release date
   * for periods) and `participants` counted once in the group.
   */
  figures!: EventFigures | null;
  /** For institution and region groups. */
  deals!: { count: number; valueFen: number } | null;
}

export class ProvinceCountDto {
  /** As the province map names it: 四川, 内蒙古, 香港 … */
  province!: string;
  institutions!: number;
}

export class PartnersDto {
  institutions!: number;
  provinces!: ProvinceCountDto[];
  /** Those whose region is not given or names no province. */
  unplaced!: number;
}

export class RollupDto {
  events!: number;
  /**
   * The events' figures added up; `released` is `catalog` and `participants` are counted once
   * across the events. `needs` is the needs brought to docking sessions, once per session (项次).
   */
  totals!: EventFigures;
  /**
   * Research results released and needs collected by the programmes in scope in the period: brought
   * into their events or series (submitted, presented, brought, imported, attached), once each.
   * The report sentence's 发布科技成果 and 征集技术需求.
   */
  catalog!: Released;
  /** The platform's whole catalogue published in the period, whoever released it: not a programme's figure. */
  platform!: Released;
  /** The events by kind (roadshow, cloud docking, precise docking …), as `by=kind` groups them. */
  kinds!: RollupGroupDto[];
  /** The report sentence, in zh-CN. */
  summary!: string;
  /**
   * Partner institutions (合作院所): the universities and institutes of the standing deals the
   * events led to, each once, by the province its deals lie in (see `stats/partners.ts`).
   */
  partners!: PartnersDto;
  groups!: RollupGroupDto[];
}

/** The exports' query: the roll-up's filters and the file's one language. */
export class StatisticsExportQueryDto extends RollupQueryDto {
  @IsOptional()
  @IsIn(LOCALES)
  lang?: Locale;
}
