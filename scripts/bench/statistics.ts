// npm run bench:statistics [-- --scale 10] [--events 300 --registrations 100000 --meetings 20000 --deals 5000]
//
// A generated year of a large city's matchmaking (events of four kinds with registrations of
// named organizations, invitations, agenda items, results presented and needs brought at several
// events, docking meetings with outcomes, intents, deals at every stage with check-ins, agreed
// investments and registered contracts), then: compiling every event's figures (as the worker's
// job does) and the roll-ups by quarter, field and institution (each with the kinds, the releases
// and the distinct participants), next to the same totals in one SQL aggregation as the ceiling,
// with the ratio. Target: all of it under 10 s. `--scale N` runs at 1× and again at N× the data
// (each in its own database) and prints how each time grew.
import { NestFactory } from '@nestjs/core';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule } from 'src/app.module';
import { AuthUser } from 'src/common/auth/auth-user';
import { createLogger, PinoNestLogger } from 'src/common/logger';
import { loadConfig } from 'src/config/config';
import { StatisticsService } from 'src/stats/statistics.service';
import { freshDatabase, freshRedisPrefix, log, median, option } from 'scripts/bench/bench-support';

const BASE = {
  events: option('events', 300),
  registrations: option('registrations', 100_000),
  meetings: option('meetings', 20_000),
  deals: option('deals', 5_000),
};
const SCALE = option('scale', 1);
const ROUNDS = option('rounds', 3);

/** How much data one run generates. */
interface Size {
  events: number;
  registrations: number;
  meetings: number;
  deals: number;
}

async function generate(pool: Pool, size: Size): Promise<void> {
  const { events: EVENTS, registrations: REGISTRATIONS, meetings: MEETINGS, deals: DEALS } = size;
  const step = async (what: string, sql: string, params: unknown[] = []) => {
    const t0 = Date.now();
    await pool.query(sql, params);
    log(`  ${what} (${Date.now() - t0} ms)`);
  };
  await step(
    'organization, organizer and 2,000 participants',
    `WITH org AS (INSERT INTO organization (id, name, kind) VALUES ('00000000-0000-4000-8000-000000000001', '生产力促进中心', 'service_agency') RETURNING id)
     INSERT INTO user_account (id, name, email, password_hash, roles, locale)
     SELECT ('00000000-0000-4000-9000-' || lpad(i::text, 12, '0'))::uuid, '用户' || i, 'u' || i || '@bench.local', 'x',
            CASE WHEN i = 0 THEN '{organizer}'::text[] ELSE '{expert}'::text[] END, 'zh-CN'
       FROM generate_series(0, 2000) i`,
  );
  // The organizer manages the centre: the roll-ups read its events.
  await step(
    'the organizer, manager of the centre',
    `INSERT INTO membership (user_id, organization_id, role)
     VALUES ('00000000-0000-4000-9000-000000000000', '00000000-0000-4000-8000-000000000001', 'manager')`,
  );
  await step(
    `${EVENTS} events over a year`,
    `WITH s AS (INSERT INTO event_series (id, organization_id, name, description)
                VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', '校企双进', '') RETURNING id)
     INSERT INTO event (id, series_id, organization_id, kind, format, visibility, status, title, summary, hosts, co_organizers,
                        industry_fields, starts_at, ends_at, time_zone, sector_quotas, questions, reminder_offsets_minutes, created_by)
     SELECT ('00000000-0000-4000-a000-' || lpad(i::text, 12, '0'))::uuid, (SELECT id FROM s), '00000000-0000-4000-8000-000000000001',
            (ARRAY['roadshow','salon','cloud_docking','precise_docking'])[1 + i % 4], 'offline', 'public', 'concluded',
            '活动 ' || i, '', '{}', '{}', ARRAY[(ARRAY['电子信息','新材料','先进制造','生物医药','新能源'])[1 + i % 5]],
            timestamptz '2026-01-01' + (i * interval '29 hours'), timestamptz '2026-01-01' + (i * interval '29 hours') + interval '3 hours',
            'Asia/Shanghai', '{}', '[]', '{}', '00000000-0000-4000-9000-000000000000'
       FROM generate_series(0, $1 - 1) i`,
    [EVENTS],
  );
  const event = (expr: string) =>
    `('00000000-0000-4000-a000-' || lpad((${expr})::text, 12, '0'))::uuid`;
  await step(
    `${REGISTRATIONS} registrations`,
    `INSERT INTO registration (event_id, name, email, organization_name, sector, status, locale, answers, checked_in_at)
     SELECT ${event(`i % ${EVENTS}`)}, '报名者', 'r' || (i % ($1 / 4 + 1)) || '@bench.local', '单位 ' || (i % ($1 / 200)),
            (ARRAY['government','industry','academia','research','finance','services','users'])[1 + i % 7],
            CASE WHEN i % 10 = 0 THEN 'cancelled' WHEN i % 10 = 1 THEN 'waitlisted' ELSE 'confirmed' END, 'zh-CN', '{}',
            CASE WHEN i % 3 = 0 THEN now() END
       FROM generate_series(0, $1 - 1) i`,
    [REGISTRATIONS],
  );
  await step(
    `${REGISTRATIONS / 2} invitations`,
    `INSERT INTO invitation (event_id, name, email, sector, locale, created_by, status)
     SELECT ${event(`i % ${EVENTS}`)}, '嘉宾', 'i' || i || '@bench.local', 'industry', 'zh-CN', '00000000-0000-4000-9000-000000000000', 'created'
       FROM generate_series(0, $1 - 1) i`,
    [REGISTRATIONS / 2],
  );
  await step(
    `${EVENTS * 5} agenda items`,
    `INSERT INTO agenda_item (event_id, kind, title, starts_at, ends_at)
     SELECT e.id, CASE WHEN j = 0 THEN 'opening' ELSE 'roadshow' END, '环节 ' || j,
            e.starts_at + j * interval '20 minutes', e.starts_at + (j + 1) * interval '20 minutes'
       FROM event e, generate_series(0, 4) j`,
  );
  await step(
    `${EVENTS} results presented at 3 events each, ${EVENTS} needs brought to 2`,
    `WITH r AS (INSERT INTO research_result (id, owner_id, institution_name, title, summary, readiness_level, region, published)
                SELECT ('00000000-0000-4000-c000-' || lpad(i::text, 12, '0'))::uuid, '00000000-0000-4000-9000-000000000001',
                       '某大学', '成果 ' || i, '', 5, '四川省成都市', true
                  FROM generate_series(0, $1 - 1) i RETURNING id),
          n AS (INSERT INTO technical_need (id, owner_id, enterprise_name, title, published)
                SELECT ('00000000-0000-4000-d000-' || lpad(i::text, 12, '0'))::uuid, '00000000-0000-4000-9000-000000000002',
                       '企业', '需求 ' || i, true
                  FROM generate_series(0, $1 - 1) i RETURNING id),
          rr AS (INSERT INTO catalog_release (result_id, event_id, organization_id, act, released_at)
                 SELECT ('00000000-0000-4000-c000-' || lpad(((i + j) % $1)::text, 12, '0'))::uuid, ${event('i')},
                        '00000000-0000-4000-8000-000000000001', 'presented', timestamptz '2026-01-01' + (i * interval '29 hours')
                   FROM generate_series(0, $1 - 1) i, generate_series(0, 2) j
                  WHERE (SELECT count(*) FROM r) > 0)
     INSERT INTO catalog_release (need_id, event_id, organization_id, act, released_at)
     SELECT ('00000000-0000-4000-d000-' || lpad(((i + j) % $1)::text, 12, '0'))::uuid, ${event('i')},
            '00000000-0000-4000-8000-000000000001', 'brought', timestamptz '2026-01-01' + (i * interval '29 hours')
       FROM generate_series(0, $1 - 1) i, generate_series(0, 1) j
      WHERE (SELECT count(*) FROM n) > 0`,
    [EVENTS],
  );
  await step(
    `${MEETINGS} docking meetings with outcomes`,
    `WITH m AS (
       INSERT INTO docking_meeting (event_id, requester_id, counterpart_id, table_name, starts_at, ends_at, status)
       SELECT ${event(`i % ${EVENTS}`)},
              ('00000000-0000-4000-9000-' || lpad((1 + i % 1000)::text, 12, '0'))::uuid,
              ('00000000-0000-4000-9000-' || lpad((1001 + i % 1000)::text, 12, '0'))::uuid,
              (i / ${EVENTS})::text || '号桌', timestamptz '2026-01-01' + i * interval '1 minute',
              timestamptz '2026-01-01' + i * interval '1 minute' + interval '30 minutes', 'accepted'
         FROM generate_series(0, $1 - 1) i
       RETURNING id, requester_id)
     INSERT INTO docking_outcome (meeting_id, user_id, outcome)
     SELECT id, requester_id, (ARRAY['no_further_contact','valuable_contact','negotiation_started','agreement_reached'])[1 + abs(hashtext(id::text)) % 4]
       FROM m`,
    [MEETINGS],
  );
  await step(
    `${DEALS} deals and ${DEALS} intents`,
    `WITH r AS (INSERT INTO research_result (id, owner_id, institution_name, title, summary, readiness_level, region, published)
                VALUES ('00000000-0000-4000-b000-000000000001', '00000000-0000-4000-9000-000000000001', '某大学', '成果', '', 5, '四川省成都市', true)
                RETURNING id),
          i AS (INSERT INTO intent (user_id, enterprise_name, result_id, event_id)
                SELECT '00000000-0000-4000-9000-000000000002', '企业', (SELECT id FROM r), ${event(`k % ${EVENTS}`)}
                  FROM generate_series(0, $1 - 1) k)
     INSERT INTO deal (id, enterprise_name, institution_name, result_id, event_id, type, contract_value_fen, signed_on, at_ceremony, created_by,
                       stage, investment_fen, contract_category, registration_number, registered_amount_fen, registered_on)
     SELECT ('00000000-0000-4000-e000-' || lpad(k::text, 12, '0'))::uuid, '企业 ' || k % 50,
            (ARRAY['四川大学','电子科技大学','西南交通大学','西南理工大学'])[1 + k % 4], (SELECT id FROM r),
            ${event(`k % ${EVENTS}`)}, 'transfer', (1 + k % 100) * 1000000, date '2026-06-01', k % 3 = 0,
            '00000000-0000-4000-9000-000000000000',
            CASE k % 10 WHEN 0 THEN 'landed' WHEN 1 THEN 'dropped' ELSE 'signed' END,
            CASE WHEN k % 5 = 0 THEN (1 + k % 100) * 20000000 END,
            (ARRAY['development','transfer','license','consulting','service'])[1 + k % 5],
            CASE WHEN k % 3 = 0 THEN 'R' || k END, CASE WHEN k % 3 = 0 THEN (1 + k % 100) * 900000 END,
            CASE WHEN k % 3 = 0 THEN date '2026-07-01' END
       FROM generate_series(0, $1 - 1) k`,
    [DEALS],
  );
  await step(
    'check-ins at 3 months of half the deals, at 6 of a quarter',
    `INSERT INTO deal_check_in (deal_id, months, landed, received_fen, output_value_fen, recorded_by)
     SELECT ('00000000-0000-4000-e000-' || lpad(k::text, 12, '0'))::uuid, m, k % 10 = 0, k * 1000, k * 5000,
            '00000000-0000-4000-9000-000000000000'
       FROM generate_series(0, $1 - 1) k, unnest(ARRAY[3, 6]) m
      WHERE k % 2 = 0 AND (m = 3 OR k % 4 = 0)`,
    [DEALS],
  );
  await pool.query('ANALYZE');
}

/** The same totals in one statement: what the database alone needs. */
const CEILING = `
  SELECT count(*) AS events,
         (SELECT count(*) FROM invitation WHERE status <> 'revoked') AS invited,
         (SELECT count(*) FILTER (WHERE status IN ('pending','waitlisted','confirmed')) FROM registration) AS registered,
         (SELECT count(*) FILTER (WHERE status = 'confirmed') FROM registration) AS confirmed,
         (SELECT count(*) FILTER (WHERE checked_in_at IS NOT NULL) FROM registration) AS checked_in,
         (SELECT count(*) FROM agenda_item WHERE kind = 'roadshow') AS roadshows,
         (SELECT count(*) FROM docking_meeting WHERE status = 'accepted') AS meetings,
         (SELECT count(*) FROM docking_outcome) AS outcomes,
         (SELECT count(*) FROM intent) AS intents,
         (SELECT count(*) FROM deal WHERE stage <> 'dropped') AS deals,
         (SELECT sum(contract_value_fen) FROM deal WHERE stage <> 'dropped') AS value
    FROM event WHERE status IN ('concluded', 'archived')`;

/** What one run at a size measured: medians of the rounds, in seconds. */
interface Measured {
  compile: number;
  rollups: number;
  ceiling: number;
  summary: string;
}

async function runAt(size: Size): Promise<Measured> {
  log(
    `statistics: ${size.events} events, ${size.registrations} registrations, ${size.meetings} meetings, ${size.deals} deals`,
  );
  log('准备数据库 / preparing a fresh database …');
  const database = await freshDatabase('statistics');
  const databaseUrl = database.url;
  const redis = freshRedisPrefix('statistics');
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  log('生成一年的数据 / generating a year …');
  await generate(pool, size);

  const config = loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_PREFIX: redis.prefix,
    LOG_LEVEL: 'warn',
  });
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot(config, { live: false }),
    {
      logger: new PinoNestLogger(createLogger(config, 'script')),
    },
  );
  try {
    const statistics = app.get(StatisticsService);
    const { rows } = await pool.query<{ id: string }>('SELECT id FROM event');
    const ids = rows.map((r) => r.id);
    const organizer = {
      id: '00000000-0000-4000-9000-000000000000',
      name: '组织者',
      email: 'u0@bench.local',
      mobile: null,
      verifiedEmail: 'u0@bench.local',
      verifiedMobile: null,
      locale: 'zh-CN',
      roles: ['organizer'],
      inTeam: true,
      sessionId: '',
    } satisfies AuthUser;
    const runs: { compile: number; rollups: number; ceiling: number }[] = [];
    let summary = '';
    for (let round = 1; round <= ROUNDS; round++) {
      log(`第 ${round}/${ROUNDS} 轮 / round ${round} of ${ROUNDS} …`);
      let t0 = Date.now();
      await statistics.compile(ids);
      const compile = (Date.now() - t0) / 1000;
      t0 = Date.now();
      for (const by of ['quarter', 'field', 'institution'] as const) {
        summary = (await statistics.rollup(organizer, { by })).summary;
      }
      const rollups = (Date.now() - t0) / 1000;
      t0 = Date.now();
      await app.get(DataSource).query(CEILING);
      const ceiling = (Date.now() - t0) / 1000;
      log(
        `  compile ${compile.toFixed(2)} s, roll-ups ${rollups.toFixed(2)} s, one SQL ${ceiling.toFixed(2)} s`,
      );
      runs.push({ compile, rollups, ceiling });
    }
    const measured = {
      compile: median(runs.map((r) => r.compile)),
      rollups: median(runs.map((r) => r.rollups)),
      ceiling: median(runs.map((r) => r.ceiling)),
      summary,
    };
    log('');
    log(`medians of ${ROUNDS} rounds:`);
    log(`compile ${size.events} events:      ${measured.compile.toFixed(2)} s`);
    log(`roll-ups (3 groupings):     ${measured.rollups.toFixed(2)} s`);
    log(
      `all of it:                  ${(measured.compile + measured.rollups).toFixed(2)} s  (target under 10 s)`,
    );
    log(`one SQL aggregation:        ${measured.ceiling.toFixed(2)} s  (ceiling)`);
    log(
      `ratio:                      ${((measured.compile + measured.rollups) / measured.ceiling).toFixed(1)} × the ceiling`,
    );
    log(`summary: ${summary}`);
    log('');
    return measured;
  } finally {
    await app.close();
    await pool.end();
    await database.drop();
    await redis.flush();
  }
}

async function main(): Promise<void> {
  const scales = SCALE > 1 ? [1, SCALE] : [1];
  const results: [number, Measured][] = [];
  for (const scale of scales) {
    log(`== ${scale}× ==`);
    const size = {
      events: BASE.events * scale,
      registrations: BASE.registrations * scale,
      meetings: BASE.meetings * scale,
      deals: BASE.deals * scale,
    };
    results.push([scale, await runAt(size)]);
  }
  if (results.length < 2) return;
  const [[, one], [n, many]] = results;
  const grew = (a: number, b: number) =>
    `${b.toFixed(2)} s / ${a.toFixed(2)} s = ${(b / a).toFixed(1)}×`;
  log(`how time grows from 1× to ${n}× the data:`);
  log(`compile:   ${grew(one.compile, many.compile)}`);
  log(`roll-ups:  ${grew(one.rollups, many.rollups)}`);
  log(`all of it: ${grew(one.compile + one.rollups, many.compile + many.rollups)}`);
  log(`one SQL:   ${grew(one.ceiling, many.ceiling)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
