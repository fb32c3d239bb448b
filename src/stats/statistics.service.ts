import { CatalogRelease } from 'src/catalog/catalog-release.entity';
import { ResearchResult } from 'src/catalog/research-result.entity';
import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { AuthUser } from 'src/common/auth/auth-user';
import { toCsv } from 'src/common/csv';
import { Event } from 'src/events/event.entity';
import { EventAccess } from 'src/events/event-access';
import { inOrganizations } from 'src/events/event-queries';
import { organizationAndBelow } from 'src/identity/identity-queries';
import { EventChanged } from 'src/events/event-changed';
import { DomainEvents } from 'src/database/domain-events';
import { Outbox } from 'src/notifications/outbox';
import { OutboxTasks } from 'src/notifications/outbox-tasks';
import {
  EventStatisticsDto,
  ExternalViewsDto,
  Grouping,
  RollupDto,
  RollupQueryDto,
} from 'src/stats/dto/stats.dto';
import { EventStatistics, ExternalViews } from 'src/stats/event-statistics.entity';
import { addFigures, emptyFigures, EventFigures } from 'src/stats/figures';
import { summarySentence } from 'src/stats/summary';
import { StatsError } from 'src/stats/stats.errors';
import { Tx } from 'src/database/tx';
import { quarterIn, yearIn } from 'src/common/time';
import { DealChanged } from 'src/deals/deal-changed';
import { LiveSessionEnded } from 'src/live/live-session-ended';
import { COUNTED, dealGroupsSql, FIGURE_QUERIES } from 'src/stats/figures-sql';

const COMPILE = 'compile-event-statistics';

/**
 * Compiles what events led to from the platform's records (a BullMQ job through the outbox, when
 * an event concludes and whenever a deal of a concluded event changes), and rolls the figures up by
 * series, period, field, institution and region. Compiling is a pure function of the records:
 * compiling twice gives the same figures.
 */
@Injectable()
export class StatisticsService {
  constructor(
    private readonly tx: Tx,
    private readonly access: EventAccess,
    private readonly outbox: Outbox,
    events: DomainEvents,
    tasks: OutboxTasks,
  ) {
    events.subscribe(EventChanged, 'in-transaction', ({ event }) => this.eventChanged(event));
    events.subscribe(DealChanged, 'in-transaction', async ({ eventIds }) => {
      for (const eventId of new Set(eventIds)) await this.changed(eventId);
    });
    events.subscribe(LiveSessionEnded, 'in-transaction', ({ eventId }) => this.changed(eventId));
    tasks.register(COMPILE, async (data) => {
      await this.compile([String(data.eventId)]);
    });
  }

  /** A concluded event's figures are compiled by the worker, after the commit. */
  async eventChanged(event: Event): Promise<void> {
    if (event.status === 'concluded') await this.recompile(event.id);
  }

  /** Something an event's figures count changed (a deal, a live session): recompile them if it took place. */
  private async changed(eventId: string | null): Promise<void> {
    const { manager } = this.tx;
    if (!eventId) return;
    const event = await manager.findOneBy(Event, { id: eventId });
    if (event && COUNTED.heldEvents.includes(event.status)) await this.recompile(eventId);
  }

  /** Organizers ask for a compilation now (it runs in the worker). */
  async requestCompile(user: AuthUser, eventId: string): Promise<void> {
    await this.access.managedEvent(user, eventId);
    await this.tx.run(() => this.recompile(eventId));
  }

  /** Compiles the event's figures once more after this transaction; changes in a row merge. */
  private async recompile(eventId: string): Promise<void> {
    await this.outbox.runTaskAgain({
      name: COMPILE,
      subject: `event:${eventId}`,
      data: { eventId },
      at: new Date(),
    });
  }

  /** Compiles and stores the figures of these events, in a few set-based queries whatever their number. */
  async compile(eventIds: string[]): Promise<void> {
    if (eventIds.length === 0) return;
    const figures = new Map(eventIds.map((id) => [id, emptyFigures()]));
    for (const query of FIGURE_QUERIES) {
      const rows = await this.tx.query<Record<string, unknown>[]>(query.sql, [
        eventIds,
        ...query.params,
      ]);
      for (const row of rows) query.apply(figures.get(row.event_id as string)!, row);
    }
    await this.tx.query(
      `INSERT INTO event_statistics (event_id, figures, compiled_at)
       SELECT id, figures, now() FROM unnest($1::uuid[], $2::jsonb[]) AS s(id, figures)
       ON CONFLICT (event_id) DO UPDATE SET figures = EXCLUDED.figures, compiled_at = EXCLUDED.compiled_at`,
      [[...figures.keys()], [...figures.values()].map((f) => JSON.stringify(f))],
    );
  }

  /** For the event's team and, read-only, the teams above its organization. */
  async figures(user: AuthUser, eventId: string): Promise<EventStatisticsDto> {
    await this.access.insiderEvent(user, eventId);
    const row = await this.tx.repository(EventStatistics).findOneBy({ eventId });
    if (!row) throw StatsError.STATISTICS_NOT_COMPILED({ eventId });
    return { eventId, compiledAt: row.compiledAt, figures: row.figures };
  }

  async addExternalViews(user: AuthUser, eventId: string, input: ExternalViewsDto): Promise<void> {
    await this.access.managedEvent(user, eventId);
    await this.tx.run(async (manager) => {
      await manager.insert(ExternalViews, { eventId, ...input, enteredBy: user.id });
      await this.changed(eventId);
    });
  }

  /** The figures of the events that took place in scope, their total and groups, and the sentence. */
  async rollup(user: AuthUser, query: RollupQueryDto): Promise<RollupDto> {
    const rows = await this.scope(user, query);
    const totals = rows.reduce((sum, r) => addFigures(sum, r.figures), emptyFigures());
    const catalog = await this.released(user, query);
    return {
      events: rows.length,
      totals,
      catalog,
      summary: summarySentence({
        events: rows.length,
        results: catalog.results,
        needs: catalog.needs,
        roadshowResults: totals.results,
        views: totals.liveViews.total + totals.liveViews.external,
        deals: totals.dealsSince.count,
        valueFen: totals.dealsSince.valueFen,
      }),
      groups: query.by ? await this.groups(query.by, rows) : [],
    };
  }

  /** Every event in scope with its figures, in full, as CSV or an Excel workbook. */
  async export(user: AuthUser, query: RollupQueryDto, format: 'csv' | 'xlsx'): Promise<Buffer> {
    const rows = await this.scope(user, query);
    const table: (string | number)[][] = [
      [
        '活动 Event',
        '开始 Starts',
        '邀请 Invited',
        '报名 Registered',
        '确认 Confirmed',
        '签到 Checked in',
        '成果 Results',
        '需求 Needs',
        '路演 Roadshows',
        '洽谈 Meetings',
        '意向 Intents',
        '直播观看 Live views',
        '独立观众 Unique viewers',
        '最高同时在线 Peak concurrent',
        '观看时长（分钟）Watch minutes',
        '外部观看 External views',
        '现场签约 Deals at event',
        '现场签约金额（元）Value at event (yuan)',
        '累计签约 Deals since',
        '累计签约金额（元）Value since (yuan)',
      ],
      ...rows.map(({ title, startsAt, figures: f }) => [
        title,
        startsAt.toISOString(),
        f.invited,
        f.registered.total,
        f.confirmed.total,
        f.checkedIn.total,
        f.results,
        f.needs,
        f.roadshows,
        f.dockingMeetings,
        f.intents,
        f.liveViews.total,
        f.liveViews.unique,
        f.liveViews.peakConcurrent,
        Math.round(f.liveViews.watchSeconds / 60),
        f.liveViews.external,
        f.dealsAtEvent.count,
        f.dealsAtEvent.valueFen / 100,
        f.dealsSince.count,
        f.dealsSince.valueFen / 100,
      ]),
    ];
    if (format === 'csv') return Buffer.from(toCsv(table.map((r) => r.map(String))));
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('统计 Statistics');
    sheet.addRows(table);
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  /** The events held in the query's scope, of the organizations whose figures the user reads. */
  private async scope(user: AuthUser, query: RollupQueryDto) {
    const qb = this.tx
      .repository(EventStatistics)
      .createQueryBuilder('s')
      .innerJoinAndSelect('s.event', 'e')
      .where('e.status IN (:...held)', { held: COUNTED.heldEvents })
      .andWhere(...inOrganizations('e.organizationId', await this.access.insidersOf(user)));
    if (query.organizationId)
      qb.andWhere(...organizationAndBelow('e.organizationId', query.organizationId));
    if (query.seriesId) qb.andWhere('e.seriesId = :seriesId', { seriesId: query.seriesId });
    if (query.from) qb.andWhere('e.startsAt >= :from', { from: query.from });
    if (query.to) qb.andWhere('e.startsAt < :to', { to: query.to });
    const rows = await qb.orderBy('e.startsAt').getMany();
    return rows.map((r) => ({
      event: r.event!,
      title: r.event!.title,
      startsAt: r.event!.startsAt,
      figures: r.figures,
    }));
  }

  /**
   * The results released and the needs collected by the programmes in scope: brought into one of
   * their events or series (submitted to a call, presented, brought to a session, imported,
   * attached) within the dates, each counted once however often it was brought.
   */
  private async released(user: AuthUser, query: RollupQueryDto) {
    const qb = this.tx
      .repository(CatalogRelease)
      .createQueryBuilder('cr')
      .leftJoin(ResearchResult, 'r', 'r.id = cr.result_id')
      .select('count(DISTINCT cr.result_id) FILTER (WHERE r.published)::int', 'results')
      .addSelect('count(DISTINCT cr.need_id)::int', 'needs')
      .where(...inOrganizations('cr.organization_id', await this.access.insidersOf(user)));
    if (query.organizationId)
      qb.andWhere(...organizationAndBelow('cr.organization_id', query.organizationId));
    if (query.seriesId)
      qb.andWhere(
        '(cr.series_id = :seriesId OR cr.event_id IN (SELECT id FROM event WHERE series_id = :seriesId))',
        { seriesId: query.seriesId },
      );
    if (query.from) qb.andWhere('cr.released_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('cr.released_at < :to', { to: query.to });
    const row = await qb.getRawOne<{ results: number; needs: number }>();
    return { results: row?.results ?? 0, needs: row?.needs ?? 0 };
  }

  /** The names of the events' organizing organizations, by id. */
  private async organizationNames(rows: { event: Event }[]): Promise<Map<string, string>> {
    const names = await this.tx.query<{ id: string; name: string }[]>(
      'SELECT id, name FROM organization WHERE id = ANY($1)',
      [[...new Set(rows.map((r) => r.event.organizationId))]],
    );
    return new Map(names.map((n) => [n.id, n.name]));
  }

  private async groups(by: Grouping, rows: Awaited<ReturnType<StatisticsService['scope']>>) {
    if (by === 'institution' || by === 'region') {
      const key = by === 'institution' ? 'd.institution_name' : "coalesce(r.region, '未知')";
      const statement = dealGroupsSql(key);
      const groups = await this.tx.query<
        { key: string; events: number; count: number; value: string }[]
      >(statement.sql, [rows.map((r) => r.event.id), ...statement.params]);
      return groups.map((g) => ({
        key: g.key,
        events: g.events,
        figures: null,
        deals: { count: g.count, valueFen: Number(g.value) },
      }));
    }
    const organizations = by === 'organization' ? await this.organizationNames(rows) : undefined;
    // An event's year and quarter are those of its start in its own zone.
    const keysOf = (e: Event): string[] => {
      if (organizations) return [organizations.get(e.organizationId) ?? e.organizationId];
      if (by === 'year') return [String(yearIn(e.startsAt, e.timeZone))];
      if (by === 'quarter') return [quarterIn(e.startsAt, e.timeZone)];
      if (by === 'series') return [e.seriesId ?? '无系列'];
      return e.industryFields.length > 0 ? e.industryFields : ['未分类'];
    };
    const groups = new Map<string, { events: number; figures: EventFigures }>();
    for (const row of rows) {
      for (const key of keysOf(row.event)) {
        const group = groups.get(key) ?? { events: 0, figures: emptyFigures() };
        groups.set(key, {
          events: group.events + 1,
          figures: addFigures(group.figures, row.figures),
        });
      }
    }
    return [...groups]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, g]) => ({ key, ...g, deals: null }));
  }
}
