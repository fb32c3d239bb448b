import { Injectable } from '@nestjs/common';
import { Access } from 'src/access/access';
import { can, Facts, holds, scopeOf } from 'src/access/policy';
import { ReleaseAct } from 'src/catalog/catalog-kinds';
import { CatalogRelease } from 'src/catalog/catalog-release.entity';
import { CatalogError } from 'src/catalog/catalog.errors';
import { ReleaseDto, ReleaseTargetDto } from 'src/catalog/dto/release.dto';
import { AuthUser } from 'src/common/auth/auth-user';
import { Condition } from 'src/database/querier';
import { Tx } from 'src/database/tx';
import { EventAccess } from 'src/events/event-access';
import { EventsService } from 'src/events/events.service';
import { EventError } from 'src/events/events.errors';

/** A result or a need of the catalog. */
export type CatalogItem = { kind: 'result' | 'need'; id: string };

/** Where an item is brought: one event or one series. */
export type Programme =
  { eventId: string; seriesId?: undefined } | { seriesId: string; eventId?: undefined };

const COLUMN = { result: 'result_id', need: 'need_id' } as const;

/**
 * The programmes (events and series) results and needs were brought into, and so who curates them:
 * the features that bring an item into a programme record it here (a roadshow submission, an agenda
 * item, a docking need, an import, an explicit attach), each in the caller's transaction.
 */
@Injectable()
export class Releases {
  constructor(
    private readonly tx: Tx,
    private readonly access: Access,
    private readonly events: EventAccess,
    private readonly eventsService: EventsService,
  ) {}

  /**
   * Records that the item was brought into the programme by `act` (once: recording it again
   * changes nothing). The organization is the event's or series' at this moment.
   */
  async record(
    item: CatalogItem,
    programme: Programme,
    act: ReleaseAct,
    by: string | null = null,
    at?: Date,
  ): Promise<void> {
    await this.tx.query(
      `INSERT INTO catalog_release
         (result_id, need_id, event_id, series_id, organization_id, act, released_at, recorded_by)
       SELECT $1::uuid, $2::uuid, $3::uuid, $4::uuid, p.organization_id, $5, COALESCE($6, now()), $7
         FROM (SELECT organization_id FROM event WHERE id = $3
               UNION ALL SELECT organization_id FROM event_series WHERE id = $4) p
       ON CONFLICT DO NOTHING`,
      [
        item.kind === 'result' ? item.id : null,
        item.kind === 'need' ? item.id : null,
        programme.eventId ?? null,
        programme.seriesId ?? null,
        act,
        at ?? null,
        by,
      ],
    );
  }

  /** As `record`, for many items of one kind at once (an import's batch): one statement. */
  async recordMany(
    kind: CatalogItem['kind'],
    ids: string[],
    programme: Programme,
    act: ReleaseAct,
    by: string,
  ): Promise<void> {
    if (ids.length === 0) return;
    await this.tx.query(
      `INSERT INTO catalog_release
         (result_id, need_id, event_id, series_id, organization_id, act, released_at, recorded_by)
       SELECT CASE WHEN $1 = 'result' THEN i.id END, CASE WHEN $1 = 'need' THEN i.id END,
              $3::uuid, $4::uuid, p.organization_id, $5, now(), $6
         FROM unnest($2::uuid[]) AS i(id),
              (SELECT organization_id FROM event WHERE id = $3
               UNION ALL SELECT organization_id FROM event_series WHERE id = $4) p
       ON CONFLICT DO NOTHING`,
      [kind, ids, programme.eventId ?? null, programme.seriesId ?? null, act, by],
    );
  }

  /**
   * Whether the caller curates the item: an admin, or a manager of a programme it was brought into
   * (the policy's `manage` over an entry followed by those programmes' organizations).
   */
  async curates(user: AuthUser | undefined, item: CatalogItem): Promise<boolean> {
    if (!user) return false;
    const facts = await this.access.factsOf(user);
    if (facts.admin) return true;
    return curates(facts, await this.organizationsOf(item));
  }

  /**
   * Whether the caller curates an expert's profile: an admin, or a manager of a programme one of
   * the expert's results was brought into (submitted, presented, imported, attached).
   */
  async curatesExpert(user: AuthUser, expertUserId: string): Promise<boolean> {
    const facts = await this.access.factsOf(user);
    if (facts.admin) return true;
    const rows = await this.tx.query<{ organization_id: string }[]>(
      `SELECT DISTINCT cr.organization_id FROM catalog_release cr
         JOIN research_result r ON r.id = cr.result_id
        WHERE r.owner_id = $1`,
      [expertUserId],
    );
    return curates(
      facts,
      rows.map((r) => r.organization_id),
    );
  }

  /** The organizations whose programmes the item was brought into. */
  async organizationsOf(item: CatalogItem): Promise<string[]> {
    const rows = await this.tx.query<{ organization_id: string }[]>(
      `SELECT DISTINCT organization_id FROM catalog_release WHERE ${COLUMN[item.kind]} = $1`,
      [item.id],
    );
    return rows.map((r) => r.organization_id);
  }

  /** The organizations whose programmes' items the caller curates: every one for an admin. */
  async scopeOf(user: AuthUser | undefined): Promise<'all' | string[]> {
    return curatedScope(await this.access.factsOf(user));
  }

  /** Which of the items (`ids`, of one kind) were brought into a programme of `scope`. */
  async among(
    kind: CatalogItem['kind'],
    ids: string[],
    scope: 'all' | string[],
  ): Promise<Set<string>> {
    if (scope === 'all') return new Set(ids);
    if (ids.length === 0 || scope.length === 0) return new Set();
    const rows = await this.tx.query<{ id: string }[]>(
      `SELECT DISTINCT ${COLUMN[kind]} AS id FROM catalog_release
        WHERE ${COLUMN[kind]} = ANY($1::uuid[]) AND organization_id = ANY($2::uuid[])`,
      [ids, scope],
    );
    return new Set(rows.map((r) => r.id));
  }

  /**
   * The programmes the item was brought into, for its curators: 404 when `visible` (the item's own
   * check) says the caller may not see it, 403 when they see it but do not curate it.
   */
  async ofItem(
    user: AuthUser,
    item: CatalogItem,
    visible: () => Promise<unknown>,
  ): Promise<ReleaseDto[]> {
    await visible();
    if (!(await this.curates(user, item))) throw CatalogError.CATALOG_NOT_CURATOR();
    return this.list(item);
  }

  /** A manager brings an item they may see (`visible`) into one of their events or series. */
  async attach(
    user: AuthUser,
    item: CatalogItem,
    target: ReleaseTargetDto,
    visible: () => Promise<unknown>,
  ): Promise<ReleaseDto[]> {
    await this.tx.run(async () => {
      await visible();
      const programme = await this.managedProgramme(user, target, true);
      await this.record(item, programme!, 'attached', user.id);
    });
    return this.list(item);
  }

  /** The item's releases, oldest first. */
  async list(item: CatalogItem): Promise<ReleaseDto[]> {
    const rows = await this.tx.repository(CatalogRelease).find({
      where: item.kind === 'result' ? { resultId: item.id } : { needId: item.id },
      order: { releasedAt: 'ASC', id: 'ASC' },
    });
    return rows.map(toReleaseDto);
  }

  /**
   * The programme named by `target`, if the caller manages it: 404 for an event or series they may
   * not know of, 403 for one they only see; undefined when `target` names none (and `required` is
   * false); 400 when it names both.
   */
  async managedProgramme(
    user: AuthUser,
    target: ReleaseTargetDto,
    required: boolean,
  ): Promise<Programme | undefined> {
    const { eventId, seriesId } = target;
    if ((eventId !== undefined && seriesId !== undefined) || (required && !eventId && !seriesId)) {
      throw CatalogError.CATALOG_ONE_PROGRAMME().onField('eventId', 'seriesId');
    }
    if (eventId) {
      await this.events.managedEvent(user, eventId);
      return { eventId };
    }
    if (!seriesId) return undefined;
    const series = await this.eventsService.getSeries(user, seriesId);
    if (!holds(await this.access.factsOf(user), 'manage', series.organizationId)) {
      throw EventError.EVENT_NOT_ORGANIZER({ organizationId: series.organizationId });
    }
    return { seriesId };
  }
}

/** The organizations whose releases the caller curates (the `manage` scope). */
export const curatedScope = (facts: Facts): 'all' | string[] => scopeOf(facts, 'manage');

/** Whether the caller curates what was brought into programmes of these organizations. */
const curates = (facts: Facts, organizationIds: readonly string[]): boolean =>
  can(facts, 'manage', { kind: 'entry', people: [], organizationIds }) === 'allow';

/**
 * `column` names an item (`kind`) brought into a programme of one of `scope`'s organizations: a
 * condition for the catalog's and matching's query builders.
 */
export function releasedInto(
  kind: CatalogItem['kind'],
  column: string,
  scope: string[],
): Condition {
  return [
    `EXISTS (SELECT 1 FROM catalog_release cr_${kind} WHERE cr_${kind}.${COLUMN[kind]} = ${column}
       AND cr_${kind}.organization_id = ANY(CAST(:curated AS uuid[])))`,
    { curated: scope },
  ];
}

export function toReleaseDto(r: CatalogRelease): ReleaseDto {
  return {
    id: r.id,
    resultId: r.resultId,
    needId: r.needId,
    eventId: r.eventId,
    seriesId: r.seriesId,
    organizationId: r.organizationId,
    act: r.act,
    releasedAt: r.releasedAt,
    recordedBy: r.recordedBy,
  };
}
