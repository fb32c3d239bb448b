import { Inject, Injectable } from '@nestjs/common';
import { CatalogRelease } from 'src/catalog/catalog-release.entity';
import { ResearchResult } from 'src/catalog/research-result.entity';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { Tx } from 'src/database/tx';
import { Managed } from 'src/events/event-access';
import { Event } from 'src/events/event.entity';
import { inOrganizations } from 'src/events/event-queries';
import { organizationAndBelow } from 'src/identity/identity-queries';
import { RollupQueryDto } from 'src/stats/dto/stats.dto';
import { Participants, Released } from 'src/stats/figures';
import { addParticipantRow, GROUP_PARTICIPANTS } from 'src/stats/figures-sql';

/** How releases fall into a roll-up's groups; `total` is the one group of everything. */
export type ReleaseKey =
  'total' | 'series' | 'year' | 'quarter' | 'kind' | 'field' | 'organization';

/** The group key of a release, as SQL over `cr` (the release) and `e` (its event, if any). */
function keyOf(by: ReleaseKey): string {
  // A series' own releases have no event: they fall in their series and period, no kind or field.
  const at = `cr.released_at AT TIME ZONE :zone`;
  switch (by) {
    case 'total':
      return `''`;
    case 'series':
      return `coalesce(coalesce(cr.series_id, e.series_id)::text, '无系列')`;
    case 'year':
      return `to_char(${at}, 'YYYY')`;
    case 'quarter':
      return `to_char(${at}, 'YYYY"Q"Q')`;
    case 'kind':
      return 'e.kind';
    case 'field':
      return `unnest(CASE WHEN e.id IS NULL THEN '{}'::text[]
                          WHEN cardinality(e.industry_fields) = 0 THEN ARRAY['未分类']
                          ELSE e.industry_fields END)`;
    case 'organization':
      return 'cr.organization_id::text';
  }
}

/**
 * The roll-up's counts that are not sums of events' figures: the results released and needs
 * collected by the programmes in scope, by the act that brought them in (each once per group
 * however often it was brought), who took part (each once per group however many events they came
 * to), and the platform's catalogue as a number of its own.
 */
@Injectable()
export class RollupQueries {
  constructor(
    private readonly tx: Tx,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Results released and needs collected by the programmes in scope: brought into one of their
   * events or series (submitted to a call, presented, brought to a session, imported, attached)
   * within the dates, by group. A series' periods are those of the platform's zone.
   */
  async released(
    organizations: Managed,
    query: RollupQueryDto,
    by: ReleaseKey,
  ): Promise<Map<string, Released>> {
    const qb = this.tx
      .repository(CatalogRelease)
      .createQueryBuilder('cr')
      .leftJoin(ResearchResult, 'r', 'r.id = cr.result_id')
      .leftJoin(Event, 'e', 'e.id = cr.event_id')
      .select(keyOf(by), 'key')
      .addSelect('cr.result_id', 'result_id')
      .addSelect('cr.need_id', 'need_id')
      .addSelect('r.published', 'published')
      .where(...inOrganizations('cr.organization_id', organizations))
      .setParameter('zone', this.config.defaultTimeZone);
    if (query.organizationId)
      qb.andWhere(...organizationAndBelow('cr.organization_id', query.organizationId));
    if (query.seriesId)
      qb.andWhere('(cr.series_id = :seriesId OR e.series_id = :seriesId)', {
        seriesId: query.seriesId,
      });
    if (query.from) qb.andWhere('cr.released_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('cr.released_at < :to', { to: query.to });
    const [inner, params] = qb.getQueryAndParameters();
    const rows = await this.tx.query<{ key: string; results: number; needs: number }[]>(
      `SELECT key, count(DISTINCT result_id) FILTER (WHERE published)::int AS results,
              count(DISTINCT need_id)::int AS needs
         FROM (${inner}) x WHERE key IS NOT NULL GROUP BY key`,
      params,
    );
    return new Map(rows.map((r) => [r.key, { results: r.results, needs: r.needs }]));
  }

  /** Who took part in each group of events, once per group: `pairs` puts each event in a group. */
  async participants(pairs: [string, string][]): Promise<Map<string, Participants>> {
    if (pairs.length === 0) return new Map();
    const keys = [...new Set(pairs.map(([, key]) => key))];
    const index = new Map(keys.map((key, i) => [key, i]));
    const rows = await this.tx.run(async () => {
      // Hundreds of thousands of distinct participants are hashed: in memory, not on disk.
      await this.tx.query(`SET LOCAL work_mem = '32MB'`);
      return this.tx.query<Record<string, unknown>[]>(GROUP_PARTICIPANTS, [
        pairs.map(([eventId]) => eventId),
        pairs.map(([, key]) => index.get(key)),
      ]);
    });
    const groups = new Map<string, Participants>();
    for (const row of rows) {
      const key = keys[row.key as number];
      if (!groups.has(key)) groups.set(key, { institutions: 0, enterprises: 0, experts: 0 });
      addParticipantRow(groups.get(key)!, row);
    }
    return groups;
  }

  /**
   * The platform's whole catalogue in the period, whoever released it: results published and needs
   * published within the dates (every one without dates). A number of its own, never a
   * programme's.
   */
  async platform(query: RollupQueryDto): Promise<Released> {
    const [row] = await this.tx.query<Released[]>(
      `SELECT (SELECT count(*) FROM research_result WHERE published
                  AND ($1::timestamptz IS NULL OR published_at >= $1)
                  AND ($2::timestamptz IS NULL OR published_at < $2))::int AS results,
              (SELECT count(*) FROM technical_need WHERE published
                  AND ($1::timestamptz IS NULL OR coalesce(published_at, created_at) >= $1)
                  AND ($2::timestamptz IS NULL OR coalesce(published_at, created_at) < $2))::int AS needs`,
      [query.from ?? null, query.to ?? null],
    );
    return row;
  }
}
