import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Access } from 'src/access/access';
import { Audit } from 'src/audit/audit';
import { Backfill } from 'src/backfill/backfill.entity';
import { BackfillError } from 'src/backfill/backfill.errors';
import {
  BACKFILL_KINDS,
  BackfillPlan,
  checkBackfill,
  RawRows,
  ReadingOptions,
} from 'src/backfill/backfill-rows';
import { BackfillDto } from 'src/backfill/dto/backfill.dto';
import { readWorkbook } from 'src/backfill/backfill-workbook';
import { AuthUser } from 'src/common/auth/auth-user';
import { CommonError } from 'src/common/errors/common.errors';
import { XLSX } from 'src/common/rows';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { Tx } from 'src/database/tx';
import { StatisticsService } from 'src/stats/statistics.service';

/** The tables a back-fill writes, in the order its rows are removed when it is undone. */
const UNDO_ORDER = [
  'external_views',
  'deal_check_in',
  'deal',
  'roadshow',
  'catalog_release',
  'research_result',
  'technical_need',
  'event',
] as const;

/**
 * Records entered since that hang on the back-fill's events or results: undoing would take them
 * along (or cut them loose), so it is refused while they are there.
 */
const IN_USE = `
  SELECT ((SELECT count(*) FROM deal d
            WHERE d.backfill_id IS DISTINCT FROM $1
              AND (d.event_id IN (SELECT id FROM event WHERE backfill_id = $1)
                   OR d.result_id IN (SELECT id FROM research_result WHERE backfill_id = $1)))
        + (SELECT count(*) FROM catalog_release c
            WHERE c.backfill_id IS DISTINCT FROM $1
              AND (c.event_id IN (SELECT id FROM event WHERE backfill_id = $1)
                   OR c.result_id IN (SELECT id FROM research_result WHERE backfill_id = $1)
                   OR c.need_id IN (SELECT id FROM technical_need WHERE backfill_id = $1)))
        + (SELECT count(*) FROM registration r
            WHERE r.event_id IN (SELECT id FROM event WHERE backfill_id = $1))
        + (SELECT count(*) FROM agenda_item a
            WHERE a.event_id IN (SELECT id FROM event WHERE backfill_id = $1)))::int AS n`;

/**
 * Enters a past programme after the fact: events straight to concluded with their real dates,
 * results and needs released on their own dates, roadshows accepted, deals signed on their days
 * with their check-ins, outside views. Nothing is announced and nothing is scheduled (no
 * confirmation, reminder or follow-up message: the rows are written as they stood, without the
 * features' domain events); the figures of its events are compiled in the same transaction.
 */
@Injectable()
export class BackfillService {
  constructor(
    private readonly tx: Tx,
    private readonly access: Access,
    private readonly audit: Audit,
    private readonly statistics: StatisticsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** For the organization's managers; every row is checked before anything is written. */
  async backfill(
    user: AuthUser,
    organizationId: string,
    rows: RawRows,
    lines?: ReadingOptions['lines'],
  ): Promise<BackfillDto> {
    await this.assertManager(user, organizationId);
    const { plan, problems } = checkBackfill(rows, new Date(), {
      zone: this.config.defaultTimeZone,
      lines,
    });
    if (problems.length > 0) throw BackfillError.BACKFILL_ROWS_INVALID({ problems });
    const counts = Object.fromEntries(BACKFILL_KINDS.map((k) => [k, plan[k].length]));
    return this.tx.run(async (manager) => {
      const backfill = await manager.save(Backfill, {
        organizationId,
        counts,
        createdBy: user.id,
        undoneAt: null,
      });
      const eventIds = await this.write(backfill.id, organizationId, user.id, plan);
      await this.statistics.compile(eventIds);
      await this.audit.record({
        subject: 'backfill',
        subjectId: backfill.id,
        action: 'imported',
        actorId: user.id,
        before: null,
        after: { organizationId, counts },
      });
      return toDto(backfill);
    });
  }

  /** The same from a workbook: a sheet per kind, problems by sheet and line. */
  async backfillWorkbook(
    user: AuthUser,
    organizationId: string,
    body: unknown,
    mediaType: string | undefined,
  ): Promise<BackfillDto> {
    if (!Buffer.isBuffer(body) || !mediaType?.startsWith(XLSX))
      throw CommonError.UNSUPPORTED_MEDIA_TYPE({ expected: [XLSX] });
    await this.assertManager(user, organizationId);
    const workbook = await readWorkbook(body).catch(() => {
      throw BackfillError.BACKFILL_WORKBOOK_UNREADABLE({});
    });
    return this.backfill(user, organizationId, workbook.rows, workbook.lines);
  }

  /** Removes every row the back-fill made; its events' figures go with them. */
  async undo(user: AuthUser, id: string): Promise<BackfillDto> {
    return this.tx.run(async (manager) => {
      const backfill = await manager.findOne(Backfill, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!backfill) throw BackfillError.BACKFILL_NOT_FOUND({ id });
      await this.assertManager(user, backfill.organizationId, id);
      if (backfill.undoneAt) throw BackfillError.BACKFILL_ALREADY_UNDONE({ id });
      const [inUse] = await this.tx.query<{ n: number }[]>(IN_USE, [id]);
      if (inUse.n > 0) throw BackfillError.BACKFILL_IN_USE({ id, records: inUse.n });
      for (const table of UNDO_ORDER) {
        await this.tx.query(`DELETE FROM ${table} WHERE backfill_id = $1`, [id]);
      }
      backfill.undoneAt = new Date();
      await manager.save(backfill);
      await this.audit.record({
        subject: 'backfill',
        subjectId: id,
        action: 'undone',
        actorId: user.id,
        before: { counts: backfill.counts },
        after: { undoneAt: backfill.undoneAt.toISOString() },
      });
      return toDto(backfill);
    });
  }

  /** The organization's back-fills, the latest first, for its managers. */
  async list(user: AuthUser, organizationId: string): Promise<BackfillDto[]> {
    await this.assertManager(user, organizationId);
    const backfills = await this.tx.repository(Backfill).find({
      where: { organizationId },
      order: { createdAt: 'DESC' },
    });
    return backfills.map(toDto);
  }

  async get(user: AuthUser, id: string): Promise<BackfillDto> {
    const backfill = await this.tx.repository(Backfill).findOneBy({ id });
    if (!backfill) throw BackfillError.BACKFILL_NOT_FOUND({ id });
    await this.assertManager(user, backfill.organizationId, id);
    return toDto(backfill);
  }

  /** The organization's managers (the policy's `change`); 404 for whoever may not know of it. */
  private async assertManager(user: AuthUser, organizationId: string, id?: string): Promise<void> {
    const decision = await this.access.decide(user, 'change', {
      kind: 'organization',
      organizationId,
    });
    if (decision === 'allow') return;
    if (id || decision === 'not-found')
      throw BackfillError.BACKFILL_NOT_FOUND({ id: id ?? organizationId });
    throw BackfillError.BACKFILL_FORBIDDEN({ organizationId });
  }

  /** Writes the plan's rows, each kind in one statement; returns the events' ids. */
  private async write(
    backfillId: string,
    organizationId: string,
    userId: string,
    plan: BackfillPlan,
  ): Promise<string[]> {
    const ids = (keys: string[]) => new Map(keys.map((key) => [key, randomUUID()]));
    const events = ids(plan.events.map((e) => e.key));
    const results = ids(plan.results.map((r) => r.key));
    const deals = ids(plan.deals.map((d) => d.key));
    const needs = plan.needs.map(() => randomUUID());
    const q = (sql: string, params: unknown[]) => this.tx.query(sql, [backfillId, ...params]);
    await q(
      `INSERT INTO event (id, organization_id, kind, format, visibility, status, title, starts_at,
                          ends_at, time_zone, created_by, created_at, backfill_id)
       SELECT id, $2, kind, format, 'public', 'concluded', title, s, e, $3, $4, s, $1
         FROM unnest($5::uuid[], $6::text[], $7::text[], $8::text[], $9::timestamptz[], $10::timestamptz[])
              AS x(id, kind, format, title, s, e)`,
      [
        organizationId,
        this.config.defaultTimeZone,
        userId,
        plan.events.map((e) => events.get(e.key)),
        plan.events.map((e) => e.kind),
        plan.events.map((e) => e.format),
        plan.events.map((e) => e.title),
        plan.events.map((e) => e.startsAt),
        plan.events.map((e) => e.endsAt),
      ],
    );
    await q(
      `INSERT INTO research_result (id, owner_id, institution_name, title, summary, readiness_level,
                                    published, published_at, created_at, backfill_id)
       SELECT id, $2, inst, title, summary, level, true, at, at, $1
         FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::int[], $8::timestamptz[])
              AS x(id, inst, title, summary, level, at)`,
      [
        userId,
        plan.results.map((r) => results.get(r.key)),
        plan.results.map((r) => r.institutionName),
        plan.results.map((r) => r.title),
        plan.results.map((r) => r.summary),
        plan.results.map((r) => r.readinessLevel),
        plan.results.map((r) => r.releasedAt),
      ],
    );
    await q(
      `INSERT INTO technical_need (id, owner_id, enterprise_name, title, description, confidentiality,
                                   published, published_at, created_at, backfill_id)
       SELECT id, $2, ent, title, description, 'public', true, at, at, $1
         FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
              AS x(id, ent, title, description, at)`,
      [
        userId,
        needs,
        plan.needs.map((n) => n.enterpriseName),
        plan.needs.map((n) => n.title),
        plan.needs.map((n) => n.description),
        plan.needs.map((n) => n.releasedAt),
      ],
    );
    // Releases by their own dates: the roll-ups count them by `released_at`.
    const released = [
      ...plan.results.map((r) => [results.get(r.key), null, events.get(r.event), r.releasedAt]),
      ...plan.needs.map((n, i) => [null, needs[i], events.get(n.event), n.releasedAt]),
    ];
    await q(
      `INSERT INTO catalog_release (result_id, need_id, event_id, organization_id, act, released_at,
                                    recorded_by, backfill_id)
       SELECT r, n, e, $2, 'imported', at, $3, $1
         FROM unnest($4::uuid[], $5::uuid[], $6::uuid[], $7::timestamptz[]) AS x(r, n, e, at)`,
      [organizationId, userId, ...[0, 1, 2, 3].map((i) => released.map((row) => row[i]))],
    );
    await q(
      `INSERT INTO roadshow (event_id, result_id, submitted_by, presenter_ids, abstract, status,
                             decided_at, created_at, backfill_id)
       SELECT e, r, $2, '{}', abstract, 'accepted', ev.ends_at, ev.starts_at, $1
         FROM unnest($3::uuid[], $4::uuid[], $5::text[]) AS x(e, r, abstract)
         JOIN event ev ON ev.id = x.e`,
      [
        userId,
        plan.roadshows.map((r) => events.get(r.event)),
        plan.roadshows.map((r) => results.get(r.result)),
        plan.roadshows.map((r) => r.abstract),
      ],
    );
    await q(
      `INSERT INTO deal (id, enterprise_name, institution_name, result_id, event_id, type,
                         contract_value_fen, signed_on, at_ceremony, stage, last_contact_at,
                         created_by, created_at, backfill_id)
       SELECT id, ent, inst, r, e, type, value, signed, ceremony,
              CASE WHEN landed THEN 'landed' ELSE 'signed' END, signed, $2, signed, $1
         FROM unnest($3::uuid[], $4::text[], $5::text[], $6::uuid[], $7::uuid[], $8::text[],
                     $9::bigint[], $10::date[], $11::boolean[], $12::boolean[])
              AS x(id, ent, inst, r, e, type, value, signed, ceremony, landed)`,
      [
        userId,
        plan.deals.map((d) => deals.get(d.key)),
        plan.deals.map((d) => d.enterpriseName),
        plan.deals.map((d) => d.institutionName),
        plan.deals.map((d) => (d.result ? results.get(d.result) : null)),
        plan.deals.map((d) => events.get(d.event)),
        plan.deals.map((d) => d.type),
        plan.deals.map((d) => d.contractValueFen),
        plan.deals.map((d) => d.signedOn),
        plan.deals.map((d) => d.atCeremony),
        plan.deals.map((d) => d.landed),
      ],
    );
    await q(
      `INSERT INTO deal_check_in (deal_id, months, landed, received_fen, output_value_fen,
                                  recorded_by, backfill_id)
       SELECT d, m, landed, received, output, $2, $1
         FROM unnest($3::uuid[], $4::int[], $5::boolean[], $6::bigint[], $7::bigint[])
              AS x(d, m, landed, received, output)`,
      [
        userId,
        plan.checkIns.map((c) => deals.get(c.deal)),
        plan.checkIns.map((c) => c.months),
        plan.checkIns.map((c) => c.landed),
        plan.checkIns.map((c) => c.receivedFen),
        plan.checkIns.map((c) => c.outputValueFen),
      ],
    );
    await q(
      `INSERT INTO external_views (event_id, source, views, entered_by, backfill_id)
       SELECT e, source, views, $2, $1 FROM unnest($3::uuid[], $4::text[], $5::int[]) AS x(e, source, views)`,
      [
        userId,
        plan.views.map((v) => events.get(v.event)),
        plan.views.map((v) => v.source),
        plan.views.map((v) => v.views),
      ],
    );
    return [...events.values()];
  }
}

function toDto(backfill: Backfill): BackfillDto {
  return {
    id: backfill.id,
    organizationId: backfill.organizationId,
    counts: backfill.counts,
    createdAt: backfill.createdAt,
    undoneAt: backfill.undoneAt,
  };
}
