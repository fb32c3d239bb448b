import { Injectable } from '@nestjs/common';
import { AuthUser } from 'src/common/auth/auth-user';
import { Event } from 'src/events/event.entity';
import { EventAccess, Managed } from 'src/events/event-access';
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
  RollupGroupDto,
  RollupQueryDto,
} from 'src/stats/dto/stats.dto';
import { EventStatistics, ExternalViews } from 'src/stats/event-statistics.entity';
import {
  addFigures,
  completeFigures,
  emptyFigures,
  EventFigures,
  Participants,
} from 'src/stats/figures';
import { reportTotals, summarySentence } from 'src/stats/summary';
import { Locale } from 'src/config/config';
import { StatsError } from 'src/stats/stats.errors';
import { Tx } from 'src/database/tx';
import { quarterIn, yearIn } from 'src/common/time';
import { DealChanged } from 'src/deals/deal-changed';
import { LiveSessionEnded } from 'src/live/live-session-ended';
import {
  COUNTED,
  dealGroupsSql,
  FIGURE_QUERIES,
  PARTICIPANTS_OF,
  PARTNERS_OF,
} from 'src/stats/figures-sql';
import { PartnerProvinces, PartnerRow, placePartners } from 'src/stats/partners';
import { RollupQueries } from 'src/stats/rollup-queries';
import { exportTable, writeTable } from 'src/stats/statistics-export';

const COMPILE = 'compile-event-statistics';
const NONE = { results: 0, needs: 0 };
const NO_SERIES = '无系列';
const UNFILED = '未分类';

/** An event held in a roll-up's scope, with its figures. */
interface Scoped {
  event: Event;
  title: string;
  startsAt: Date;
  figures: EventFigures;
}

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
    private readonly rollups: RollupQueries,
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
    await this.tx.run(() => this.compileNow(eventIds));
  }

  private async compileNow(eventIds: string[]): Promise<void> {
    const figures = new Map(eventIds.map((id) => [id, emptyFigures()]));
    await this.tx.query(PARTICIPANTS_OF.clear, [eventIds]);
    await this.tx.query(PARTICIPANTS_OF.sql, [eventIds, ...PARTICIPANTS_OF.params]);
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
    return { eventId, compiledAt: row.compiledAt, figures: completeFigures(row.figures) };
  }

  async addExternalViews(user: AuthUser, eventId: string, input: ExternalViewsDto): Promise<void> {
    await this.access.managedEvent(user, eventId);
    await this.tx.run(async (manager) => {
      await manager.insert(ExternalViews, { eventId, ...input, enteredBy: user.id });
      await this.changed(eventId);
    });
  }

  /**
   * The figures of the events that took place in scope, their total, kinds and groups, and the
   * sentence. Results released, needs collected and participants are counted once over the events
   * and once per group; the platform's catalogue stands apart.
   */
  async rollup(user: AuthUser, query: RollupQueryDto): Promise<RollupDto> {
    return this.rollupOf(await this.access.insidersOf(user), query);
  }

  /**
   * The roll-up over the events of `organizations` (those whose figures a reader reads, or the one
   * organization a scheduled report is about and those below it).
   */
  async rollupOf(organizations: Managed, query: RollupQueryDto): Promise<RollupDto> {
    const rows = await this.scope(organizations, query);
    const by = query.by === 'institution' || query.by === 'region' ? undefined : query.by;
    // Who took part, counted once in all, per kind and per group: one pass over the registrations.
    const kindPairs = pairsBy('kind', rows);
    const groupPairs = by ? pairsBy(by, rows) : [];
    const participants = await this.rollups.participants([
      ...rows.map((r): [string, string] => [r.event.id, 'all']),
      ...kindPairs.map(([id, key]): [string, string] => [id, `kind:${key}`]),
      ...groupPairs.map(([id, key]): [string, string] => [id, `group:${key}`]),
    ]);
    const catalog = (await this.rollups.released(organizations, query, 'total')).get('') ?? NONE;
    const totals: EventFigures = {
      ...rows.reduce((sum, r) => addFigures(sum, r.figures), emptyFigures()),
      released: catalog,
      participants: participants.get('all') ?? emptyFigures().participants,
    };
    const grouped = (grouping: FigureGrouping, pairs: [string, string][], prefix: string) =>
      this.figureGroups(grouping, rows, pairs, organizations, query, (key) =>
        participants.get(`${prefix}:${key}`),
      );
    const kinds = await grouped('kind', kindPairs, 'kind');
    return {
      events: rows.length,
      totals,
      catalog,
      platform: await this.rollups.platform(query),
      kinds,
      summary: summarySentence(reportTotals(rows.length, totals, kinds)),
      partners: await this.partners(rows),
      groups: by
        ? await grouped(by, groupPairs, 'group')
        : query.by
          ? await this.dealGroups(query.by, rows)
          : [],
    };
  }

  /** Every event in scope with its figures, in full, as CSV or an Excel workbook, in one language. */
  async export(
    user: AuthUser,
    query: RollupQueryDto,
    format: 'csv' | 'xlsx',
    locale: Locale,
  ): Promise<Buffer> {
    const rows = await this.scope(await this.access.insidersOf(user), query);
    const events = rows.map((r) => ({ ...r, kind: r.event.kind, timeZone: r.event.timeZone }));
    return writeTable(exportTable(events, locale), format, locale);
  }

  /** The events held in the query's scope, of the organizations whose figures are read. */
  private async scope(organizations: Managed, query: RollupQueryDto): Promise<Scoped[]> {
    const qb = this.tx
      .repository(EventStatistics)
      .createQueryBuilder('s')
      .innerJoin('s.event', 'e')
      // Only what the roll-ups read of an event: thousands of them are read at once.
      .select(['s.eventId', 's.figures'])
      .addSelect(['e.id', 'e.organizationId', 'e.seriesId', 'e.kind', 'e.title'])
      .addSelect(['e.startsAt', 'e.timeZone', 'e.industryFields'])
      .where('e.status IN (:...held)', { held: COUNTED.heldEvents })
      .andWhere(...inOrganizations('e.organizationId', organizations));
    if (query.organizationId)
      qb.andWhere(...organizationAndBelow('e.organizationId', query.organizationId));
    if (query.seriesId) qb.andWhere('e.seriesId = :seriesId', { seriesId: query.seriesId });
    if (query.from) qb.andWhere('e.startsAt >= :from', { from: query.from });
    if (query.to) qb.andWhere('e.startsAt < :to', { to: query.to });
    const rows = await qb.orderBy('e.startsAt').addOrderBy('e.id').getMany();
    return rows.map((r) => ({
      event: r.event!,
      title: r.event!.title,
      startsAt: r.event!.startsAt,
      figures: completeFigures(r.figures),
    }));
  }

  /** The names of the events' organizing organizations, by id. */
  private async organizationNames(rows: { event: Event }[]): Promise<Map<string, string>> {
    const names = await this.tx.query<{ id: string; name: string }[]>(
      'SELECT id, name FROM organization WHERE id = ANY($1)',
      [[...new Set(rows.map((r) => r.event.organizationId))]],
    );
    return new Map(names.map((n) => [n.id, n.name]));
  }

  /** The partner institutions of the events in scope, by province. */
  private async partners(rows: Scoped[]): Promise<PartnerProvinces> {
    const partners = await this.tx.query<PartnerRow[]>(PARTNERS_OF.sql, [
      rows.map((r) => r.event.id),
      ...PARTNERS_OF.params,
    ]);
    return placePartners(partners);
  }

  /** Deals by institution or region, of the events in scope. */
  private async dealGroups(by: Grouping, rows: Scoped[]): Promise<RollupGroupDto[]> {
    const statement = dealGroupsSql(by === 'institution' ? 'institution' : 'region');
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

  /**
   * The events' figures added up by period, kind, field, series or organization, with each group's
   * releases (by the release's own date for periods) and participants (`participantsOf`) counted
   * once in it.
   */
  private async figureGroups(
    by: FigureGrouping,
    rows: Scoped[],
    pairs: [string, string][],
    organizations: Managed,
    query: RollupQueryDto,
    participantsOf: (key: string) => Participants | undefined,
  ): Promise<RollupGroupDto[]> {
    const names = by === 'organization' ? await this.organizationNames(rows) : undefined;
    const byId = new Map(rows.map((r) => [r.event.id, r]));
    const groups = new Map<string, { events: number; figures: EventFigures }>();
    for (const [id, key] of pairs) {
      const group = groups.get(key) ?? { events: 0, figures: emptyFigures() };
      groups.set(key, {
        events: group.events + 1,
        figures: addFigures(group.figures, byId.get(id)!.figures),
      });
    }
    const released = await this.rollups.released(organizations, query, by);
    return [...groups]
      .map(([key, g]) => ({
        key: names?.get(key) ?? key,
        events: g.events,
        figures: {
          ...g.figures,
          released: released.get(key) ?? NONE,
          participants: participantsOf(key) ?? emptyFigures().participants,
        },
        deals: null,
      }))
      .sort((a, b) => a.key.localeCompare(b.key));
  }
}

type FigureGrouping = Exclude<Grouping, 'institution' | 'region'>;

/**
 * Each event with the groups it stands in: its organization, its year and quarter (of its start
 * in its own zone), its series, its kind, or each of its industry fields.
 */
function pairsBy(by: FigureGrouping, rows: Scoped[]): [string, string][] {
  const keysOf = (e: Event): string[] => {
    if (by === 'organization') return [e.organizationId];
    if (by === 'year') return [String(yearIn(e.startsAt, e.timeZone))];
    if (by === 'quarter') return [quarterIn(e.startsAt, e.timeZone)];
    if (by === 'series') return [e.seriesId ?? NO_SERIES];
    if (by === 'kind') return [e.kind];
    return e.industryFields.length > 0 ? e.industryFields : [UNFILED];
  };
  return rows.flatMap((r) => keysOf(r.event).map((key): [string, string] => [r.event.id, key]));
}
