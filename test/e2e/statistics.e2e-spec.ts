import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { EventSeries } from 'src/events/event-series.entity';
import { StatisticsService } from 'src/stats/statistics.service';
import { eventually, startApi, startWorker, TestApi } from 'test/support/app';
import { createEvent, signedInAs, signedInOrganizer } from 'test/support/factories';
import { bearer } from 'test/support/http';
import { resetState } from 'test/support/state';

/**
 * A fixture of three events whose figures are counted by hand below: two that took place (one in
 * the third quarter, one in the fourth) and one still ahead, which no roll-up counts.
 */
describe('statistics', () => {
  let api: TestApi;
  let organizer: Awaited<ReturnType<typeof signedInOrganizer>>;
  let seriesId: string;
  let summer: string;
  let autumn: string;
  let ahead: string;
  let dealToCorrect: string;

  const sql = (text: string, params: unknown[] = []) => api.dataSource.query(text, params);
  const registration = (eventId: string, sector: string, status: string, checkedIn = false) =>
    sql(
      `INSERT INTO registration (event_id, name, email, sector, status, locale, answers, checked_in_at)
       VALUES ($1, '参会者', $2, $3, $4, 'zh-CN', '{}', $5)`,
      [eventId, `${randomUUID()}@example.cn`, sector, status, checkedIn ? new Date() : null],
    );
  const deal = (eventId: string, valueFen: number, atCeremony: boolean, institutionName: string) =>
    api.http
      .post('/api/deals')
      .set(bearer(organizer.token))
      .send({
        enterpriseName: '成都芯联传感科技有限公司',
        institutionName,
        eventId,
        type: 'transfer',
        contractValueFen: valueFen,
        signedOn: '2026-11-10',
        atCeremony,
      })
      .expect(201)
      .then((r) => r.body.id as string);
  /** Runs a worker until the event's compiled deals at the event are worth `valueFen`. */
  const compiledByWorker = async (eventId: string, valueFen: number, what: string) => {
    const worker = await startWorker({ OUTBOX_POLL_MS: '100' });
    try {
      await eventually(async () => {
        const [{ value }] = await sql(
          `SELECT (figures->'dealsAtEvent'->>'valueFen')::bigint AS value FROM event_statistics WHERE event_id = $1`,
          [eventId],
        );
        return Number(value) === valueFen ? true : undefined;
      }, what);
    } finally {
      await worker.close();
    }
  };
  const conclude = async (eventId: string) => {
    for (const status of ['registration_closed', 'live', 'concluded']) {
      await api.http
        .post(`/api/events/${eventId}/status`)
        .set(bearer(organizer.token))
        .send({ status })
        .expect(200);
    }
  };

  beforeAll(async () => {
    await resetState();
    api = await startApi();
    organizer = await signedInOrganizer(api.app);
    const series = await api.dataSource.getRepository(EventSeries).save({
      organizationId: organizer.organization.id,
      name: '菁蓉汇·校企双进',
      description: '',
    });
    seriesId = series.id;
    const event = (title: string, fields: string[]) =>
      createEvent(api.http, organizer, { title, seriesId, industryFields: fields });
    summer = await event('电子信息专场', ['电子信息']);
    autumn = await event('新材料专场', ['新材料', '新能源']);
    ahead = await event('明年的专场', ['电子信息']);
    await sql(
      `UPDATE event SET starts_at = '2026-08-10T06:00:00Z', ends_at = '2026-08-10T09:00:00Z' WHERE id = $1`,
      [summer],
    );
    await sql(
      `UPDATE event SET starts_at = '2026-11-05T06:00:00Z', ends_at = '2026-11-05T09:00:00Z' WHERE id = $1`,
      [autumn],
    );

    // Summer: 3 industry confirmed (2 checked in), 1 finance waitlisted, 1 academia cancelled.
    await registration(summer, 'industry', 'confirmed', true);
    await registration(summer, 'industry', 'confirmed', true);
    await registration(summer, 'industry', 'confirmed');
    await registration(summer, 'finance', 'waitlisted');
    await registration(summer, 'academia', 'cancelled');
    // Autumn: 2 academia confirmed, 1 checked in.
    await registration(autumn, 'academia', 'confirmed', true);
    await registration(autumn, 'academia', 'confirmed');
    // Ahead: one registrant, not counted.
    await registration(ahead, 'industry', 'confirmed');
    await sql(
      `INSERT INTO invitation (event_id, name, email, sector, locale, created_by, status)
       VALUES ($1, '甲', 'a@example.cn', 'finance', 'zh-CN', $2, 'created'),
              ($1, '乙', 'b@example.cn', 'finance', 'zh-CN', $2, 'revoked')`,
      [summer, organizer.user.id],
    );
    const expert = await signedInAs(api.app, ['expert']);
    const result = await api.http
      .post('/api/results')
      .set(bearer(expert.token))
      .send({
        title: '气体传感器',
        summary: '摘要',
        readinessLevel: 6,
        institutionName: '西南理工大学',
        published: true,
      })
      .expect(201);
    await api.http
      .post(`/api/events/${summer}/agenda`)
      .set(bearer(organizer.token))
      .send({
        kind: 'roadshow',
        title: '气体传感器路演',
        resultId: result.body.id,
        startsAt: '2026-08-10T06:00:00Z',
        endsAt: '2026-08-10T06:20:00Z',
      })
      .expect(201);
    const enterprise = await signedInAs(api.app, ['enterprise']);
    await api.http
      .post('/api/intents')
      .set(bearer(enterprise.token))
      .send({ enterpriseName: '某企业', resultId: result.body.id, eventId: summer })
      .expect(201);
    await api.http
      .post(`/api/events/${summer}/external-views`)
      .set(bearer(organizer.token))
      .send({ source: '视频号', views: 12_000 })
      .expect(204);
    // Deals: summer 100万 at the ceremony and 50万 since; autumn 1,000万 at the ceremony.
    await deal(summer, 100_000_000, true, '西南理工大学');
    await deal(summer, 50_000_000, false, '四川大学');
    dealToCorrect = await deal(autumn, 1_000_000_000, true, '西南理工大学');
    await deal(ahead, 7_000_000_000, false, '四川大学');
  });

  afterAll(async () => {
    await api.close();
  });

  it('compiles an event’s figures in a worker job when it concludes, equal to the hand count', async () => {
    await conclude(summer);
    await conclude(autumn);
    const worker = await startWorker({ OUTBOX_POLL_MS: '100' });
    try {
      await eventually(async () => {
        const [{ n }] = await sql('SELECT count(*)::int AS n FROM event_statistics');
        return n === 2 ? true : undefined;
      }, 'two events compiled');
    } finally {
      await worker.close();
    }
    const figures = await api.http
      .get(`/api/events/${summer}/statistics`)
      .set(bearer(organizer.token))
      .expect(200);
    expect(figures.body.figures).toEqual({
      invited: 1,
      registered: { total: 4, industry: 3, finance: 1, academia: 0 },
      confirmed: { total: 3, industry: 3, finance: 0, academia: 0 },
      checkedIn: { total: 2, industry: 2, finance: 0, academia: 0 },
      results: 1,
      needs: 0,
      roadshows: 1,
      dockingMeetings: 0,
      outcomes: {},
      liveViews: { total: 0, unique: 0, peakConcurrent: 0, watchSeconds: 0, external: 12_000 },
      intents: 1,
      dealsAtEvent: { count: 1, valueFen: 100_000_000 },
      dealsSince: { count: 2, valueFen: 150_000_000 },
    });
    await api.http.get(`/api/events/${ahead}/statistics`).set(bearer(organizer.token)).expect(404);
  });

  it('gives the same figures compiled twice, and new ones after a deal is corrected', async () => {
    const before = await sql('SELECT event_id, figures FROM event_statistics ORDER BY event_id');
    await api.app.get(StatisticsService).compile([summer, autumn]);
    expect(await sql('SELECT event_id, figures FROM event_statistics ORDER BY event_id')).toEqual(
      before,
    );

    await api.http
      .patch(`/api/deals/${dealToCorrect}`)
      .set(bearer(organizer.token))
      .send({ contractValueFen: 1_200_000_000, reason: '补充协议' })
      .expect(200);
    await compiledByWorker(autumn, 1_200_000_000, 'the corrected deal compiled');
  });

  it('merges a run of deal changes into one waiting compilation of the event', async () => {
    for (const valueFen of [1_300_000_000, 1_400_000_000, 1_500_000_000]) {
      await api.http
        .patch(`/api/deals/${dealToCorrect}`)
        .set(bearer(organizer.token))
        .send({ contractValueFen: valueFen, reason: '补充协议' })
        .expect(200);
    }
    const waiting = await sql(
      `SELECT count(*)::int AS n FROM outbox_message
        WHERE template = 'compile-event-statistics' AND subject = $1 AND status = 'pending'`,
      [`event:${autumn}`],
    );
    expect(waiting).toEqual([{ n: 1 }]);
    await compiledByWorker(autumn, 1_500_000_000, 'the last correction compiled');
    // Put back as the roll-ups below count it.
    await api.http
      .patch(`/api/deals/${dealToCorrect}`)
      .set(bearer(organizer.token))
      .send({ contractValueFen: 1_200_000_000, reason: '更正' })
      .expect(200);
    await api.app.get(StatisticsService).compile([autumn]);
  });

  it('rolls up by series, period, field, institution and region, with the report sentence', async () => {
    const rollup = await api.http
      .get('/api/statistics')
      .query({ seriesId, by: 'quarter' })
      .set(bearer(organizer.token))
      .expect(200);
    expect(rollup.body).toMatchObject({
      events: 2,
      totals: {
        registered: { total: 6 },
        checkedIn: { total: 3 },
        dealsSince: { count: 3, valueFen: 1_350_000_000 },
      },
      catalog: { results: 1, needs: 0 },
      groups: [
        { key: '2026Q3', events: 1, figures: { dealsSince: { count: 2 } } },
        {
          key: '2026Q4',
          events: 1,
          figures: { dealsSince: { count: 1, valueFen: 1_200_000_000 } },
        },
      ],
    });
    expect(rollup.body.summary).toBe(
      '累计举办活动2场，发布科技成果1项，征集技术需求0项，路演发布成果1项，线上直播累计观看1.2万人次，促成签约3项，签约金额1350万元',
    );
    const byField = await api.http
      .get('/api/statistics')
      .query({ by: 'field' })
      .set(bearer(organizer.token));
    expect(
      (byField.body.groups as { key: string; events: number }[]).map((g) => [g.key, g.events]),
    ).toEqual(
      [
        ['新材料', 1],
        ['新能源', 1],
        ['电子信息', 1],
      ].sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
    const byInstitution = await api.http
      .get('/api/statistics')
      .query({ by: 'institution' })
      .set(bearer(organizer.token));
    expect(byInstitution.body.groups).toEqual([
      {
        key: '西南理工大学',
        events: 2,
        figures: null,
        deals: { count: 2, valueFen: 1_300_000_000 },
      },
      { key: '四川大学', events: 1, figures: null, deals: { count: 1, valueFen: 50_000_000 } },
    ]);
    const q3 = await api.http
      .get('/api/statistics')
      .query({ from: '2026-07-01T00:00:00+08:00', to: '2026-10-01T00:00:00+08:00' })
      .set(bearer(organizer.token));
    expect(q3.body.events).toBe(1);
    await api.http
      .get('/api/statistics')
      .set(bearer((await signedInAs(api.app, ['enterprise'])).token))
      .expect(403);
  });

  it('exports every event’s figures in full, as CSV and XLSX', async () => {
    const csv = await api.http
      .get('/api/statistics/events.csv')
      .set(bearer(organizer.token))
      .expect(200);
    const lines = csv.text.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('电子信息专场');
    expect(lines[2].split(',').slice(-2)).toEqual(['1', '12000000']);
    const xlsx = await api.http
      .get('/api/statistics/events.xlsx')
      .set(bearer(organizer.token))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).getCell(20).value).toBe('累计签约金额（元）Value since (yuan)');
    expect(sheet.getRow(3).getCell(20).value).toBe(12_000_000);
  });
});
