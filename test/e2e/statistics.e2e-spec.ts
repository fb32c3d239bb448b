import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { EventSeries } from 'src/events/event-series.entity';
import { StatisticsService } from 'src/stats/statistics.service';
import { eventually, startApi, startWorker, TestApi } from 'test/support/app';
import { createEvent, signedInAs, signedInOrganizer } from 'test/support/factories';
import { bearer, binary } from 'test/support/http';
import { launchBrowser } from 'test/support/browser';
import { readPdfFirstPage } from 'test/support/pdf';
import { PROJECT_ROOT } from 'src/common/paths';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
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
      released: { results: 1, needs: 0 },
      participants: { institutions: 0, enterprises: 0, experts: 0 },
      roadshows: 1,
      dockingMeetings: 0,
      outcomes: {},
      liveViews: { total: 0, unique: 0, peakConcurrent: 0, watchSeconds: 0, external: 12_000 },
      intents: 1,
      dealsAtEvent: { count: 1, valueFen: 100_000_000 },
      dealsSince: { count: 2, valueFen: 150_000_000 },
      dealStages: {
        signed: { count: 2, valueFen: 150_000_000 },
        landed: { count: 0, valueFen: 0 },
        dropped: { count: 0, valueFen: 0 },
      },
      checkIns: { deals: 0, receivedFen: 0, outputValueFen: 0 },
      investment: { declared: 0, agreedFen: 150_000_000, technologyFen: 150_000_000 },
      registeredContracts: { count: 0, valueFen: 0, byCategory: {} },
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
      '累计举办活动2场（其中对接沙龙2场、发布成果1项、参会5人次、签约3项1350万元），通过活动发布科技成果1项，征集技术需求0项，路演发布成果1项，专家2人次参与，线上直播累计观看1.2万人次，达成合作意向1项，促成签约3项，签约金额1350万元',
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

  it('exports every event’s figures in full, in one language per file, numbers as numbers and starts as date cells', async () => {
    const csv = await api.http
      .get('/api/statistics/events.csv')
      .set(bearer(organizer.token))
      .expect(200);
    const lines = csv.text.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('电子信息专场');
    const header = lines[0].split(',');
    // Chinese only: no English word in the Chinese file.
    expect(lines[0]).not.toMatch(/[A-Za-z]/);
    const since = header.indexOf('累计签约金额（万元）');
    expect(lines[2].split(',').slice(since - 1, since + 1)).toEqual(['1', '1200']);
    // The start as the wall-clock time of the event's zone, as Excel reads a date.
    expect(lines[1].split(',')[header.indexOf('开始时间')]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    const xlsx = await binary(
      api.http.get('/api/statistics/events.xlsx?lang=en').set(bearer(organizer.token)),
    ).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Statistics');
    const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    expect(headers.join(' ')).not.toMatch(/[\u4e00-\u9fff]/);
    expect(headers[0]).toBe('Event');
    const value = headers.indexOf('Value since (10,000 yuan)') + 1;
    expect(sheet.getRow(3).getCell(value).value).toBe(1200);
    const starts = sheet.getRow(2).getCell(headers.indexOf('Starts') + 1);
    expect(starts.value).toBeInstanceOf(Date);
    expect(starts.numFmt).toBe('yyyy-mm-dd hh:mm');
    // A date cell sorts: the second event starts after the first.
    const later = sheet.getRow(3).getCell(headers.indexOf('Starts') + 1).value as Date;
    expect(later.getTime()).toBeGreaterThan((starts.value as Date).getTime());
    // English by the client's language too, when the link names none.
    const english = await api.http
      .get('/api/statistics/events.csv')
      .set(bearer(organizer.token))
      .set('accept-language', 'en')
      .expect(200);
    expect(english.text.replace('\uFEFF', '').split('\r\n')[0]).toMatch(/^Event,Kind,Starts,/);
    await api.http
      .get('/api/statistics/events.csv?lang=fr')
      .set(bearer(organizer.token))
      .expect(400);
  });

  it('gives the report as a Word document with the roll-up’s sentence and figures, 404 for another organization', async () => {
    const query = {
      seriesId,
      by: 'quarter',
      from: '2026-07-01T00:00:00+08:00',
      to: '2027-01-01T00:00:00+08:00',
    };
    const rollup = await api.http
      .get('/api/statistics')
      .query(query)
      .set(bearer(organizer.token))
      .expect(200);
    const docx = await binary(
      api.http.get('/api/statistics/report.docx').query(query).set(bearer(organizer.token)),
    ).expect(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml.document');
    const xml = strFromU8(unzipSync(docx.body as Uint8Array)['word/document.xml']);
    const paragraphs = [...xml.matchAll(/<w:p[ >].*?<\/w:p>/g)].map((p) =>
      [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
    );
    expect(paragraphs).toContain(rollup.body.summary as string);
    expect(paragraphs).toContain(`统计机构：${organizer.organization.name}`);
    expect(paragraphs).toContain('统计期间：2026-07-01 至 2026-12-31');
    expect(paragraphs).toContain(
      `生成日期：${new Date().toLocaleDateString('sv', { timeZone: 'Asia/Shanghai' })}`,
    );
    // The figures table, cell by cell: each label followed by the roll-up's own figure.
    const cells = paragraphs.join('|');
    expect(cells).toContain('举办活动（场）|2|');
    // Amounts as every page shows them: 万元, no ".00".
    expect(cells).toContain('促成签约（项）|3|签约金额|1350万元|');
    expect(cells).toContain('对接沙龙|2|1|5|3|1350万元');
    expect(cells).toContain('2026Q4|1|1|1200万元');
    const stranger = await signedInOrganizer(api.app);
    await api.http
      .get('/api/statistics/report.docx')
      .query({ organizationId: organizer.organization.id })
      .set(bearer(stranger.token))
      .expect(404);
  });

  it('prints the report to PDF with the sentence on its first page, 503 where Chromium is missing', async () => {
    const query = { seriesId, by: 'quarter' };
    const rollup = await api.http
      .get('/api/statistics')
      .query(query)
      .set(bearer(organizer.token))
      .expect(200);
    const pdf = await binary(
      api.http.get('/api/statistics/report.pdf').query(query).set(bearer(organizer.token)),
    ).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const screenshot = join(
      PROJECT_ROOT,
      'test-artifacts',
      'reports',
      'statistics-report-page-1.png',
    );
    const browser = await launchBrowser();
    try {
      const first = await readPdfFirstPage(browser, pdf.body as Buffer, screenshot);
      const text = first.text.replace(/\s/g, '');
      expect(text).toContain(rollup.body.summary as string);
      expect(text).toContain(`统计机构：${organizer.organization.name.replace(/\s/g, '')}`);
      expect(text).toContain('促成签约（项）3');
    } finally {
      await browser.close();
    }
    expect(existsSync(screenshot)).toBe(true);
    await api.http
      .get('/api/statistics/report.pdf')
      .query({ organizationId: randomUUID() })
      .set(bearer(organizer.token))
      .expect(404);
    const withoutChromium = await startApi({ CHROMIUM_PATH: '/nonexistent/chromium' });
    try {
      const refused = await withoutChromium.http
        .get('/api/statistics/report.pdf')
        .set(bearer(organizer.token))
        .expect(503);
      expect(refused.body.code).toBe('REPORT_PRINTER_UNAVAILABLE');
    } finally {
      await withoutChromium.close();
    }
  });
});
