import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from 'src/common/paths';
import { launchBrowser } from 'test/support/browser';
import { readPdfFirstPage } from 'test/support/pdf';
import { RollupDto } from 'src/stats/dto/stats.dto';
import { startApi, TestApi } from 'test/support/app';
import { signedInOrganizer } from 'test/support/factories';
import { bearer, binary } from 'test/support/http';
import { XLSX } from 'src/common/rows';
import { resetState } from 'test/support/state';
import { expectSoundPage, startWebHarness, WebHarness } from 'test/support/web';
import { Page } from 'playwright-core';

const WAN = 1_000_000; // 1万元 in fen

/**
 * Issue 18: a past programme year entered after the fact (figures chosen by hand). 2021: 6 events
 * of 3 kinds — two roadshows (E1, E2), two cloud dockings (E3, E4), two salons (E5, E6); 40 results
 * released on their own dates (E1 10, E2 10, E3–E6 5 each); 9 needs collected (E5 5, E6 4); 5 roadshows
 * accepted (E1 three results, E2 two); 7 deals worth 4000万元 (roadshows 1000+500+300, cloud
 * dockings 200+200, salons 1500+300), two landed, with check-ins (each deal's latest counts: 600万
 * + 100万 + 500万 received, 2000万 + 1000万 output); 12,000 views counted by outside channels.
 */
function programmeYear() {
  const events = [
    ['E1', '2021 成果路演·电子信息', 'roadshow', '2021-03-10'],
    ['E2', '2021 成果路演·新材料', 'roadshow', '2021-05-12'],
    ['E3', '2021 云对接·医药健康', 'cloud_docking', '2021-06-15'],
    ['E4', '2021 云对接·新能源', 'cloud_docking', '2021-08-18'],
    ['E5', '2021 对接沙龙·先进制造', 'salon', '2021-10-20'],
    ['E6', '2021 对接沙龙·燃气安全', 'salon', '2021-11-24'],
  ].map(([key, title, kind, day]) => ({
    key,
    title,
    kind,
    format: kind === 'cloud_docking' ? 'online' : 'offline',
    startsAt: `${day}T14:00:00+08:00`,
    endsAt: `${day}T17:00:00+08:00`,
  }));
  const perEvent = { E1: 10, E2: 10, E3: 5, E4: 5, E5: 5, E6: 5 };
  const results = Object.entries(perEvent).flatMap(([event, n]) =>
    Array.from({ length: n }, (_, i) => ({
      key: `${event}-R${i + 1}`,
      event,
      title: `${event} 成果 ${i + 1}`,
      institutionName: i % 2 ? '四川大学' : '电子科技大学',
      readinessLevel: 6,
      releasedAt: events.find((e) => e.key === event)!.startsAt,
    })),
  );
  const needs = [
    ...Array.from({ length: 5 }, (_, i) => ['E5', i]),
    ...Array.from({ length: 4 }, (_, i) => ['E6', i]),
  ].map(([event, i]) => ({
    key: `${event}-N${i}`,
    event,
    title: `${event} 技术需求 ${i}`,
    enterpriseName: '成都燃气集团',
    releasedAt: '2021-09-01T09:00:00+08:00',
  }));
  const roadshows = ['E1-R1', 'E1-R2', 'E1-R3', 'E2-R1', 'E2-R2'].map((result) => ({
    event: result.slice(0, 2),
    result,
  }));
  const deal = (key: string, event: string, wan: number, signedOn: string, landed = false) => ({
    key,
    event,
    result: `${event}-R1`,
    enterpriseName: '成都芯联传感科技有限公司',
    institutionName: '四川大学',
    type: 'transfer',
    contractValueFen: wan * WAN,
    signedOn,
    landed,
  });
  const deals = [
    deal('D1', 'E1', 1000, '2021-03-10', true),
    deal('D2', 'E1', 500, '2021-03-10'),
    deal('D3', 'E2', 300, '2021-05-12'),
    deal('D4', 'E3', 200, '2021-06-15'),
    deal('D5', 'E4', 200, '2021-08-18'),
    deal('D6', 'E5', 1500, '2021-10-20', true),
    deal('D7', 'E6', 300, '2021-11-24'),
  ];
  const checkIns = [
    { deal: 'D1', months: 3, landed: true, receivedFen: 200 * WAN, outputValueFen: 0 },
    { deal: 'D1', months: 12, landed: true, receivedFen: 600 * WAN, outputValueFen: 2000 * WAN },
    { deal: 'D2', months: 3, landed: false, receivedFen: 100 * WAN, outputValueFen: 0 },
    { deal: 'D6', months: 6, landed: true, receivedFen: 500 * WAN, outputValueFen: 1000 * WAN },
  ];
  const views = [
    { event: 'E3', source: '抖音', views: 5000 },
    { event: 'E4', source: '视频号', views: 4000 },
    { event: 'E4', source: 'B站', views: 3000 },
  ];
  return { events, results, needs, roadshows, deals, checkIns, views };
}

describe('back-filling a past programme year (issue 18)', () => {
  let api: TestApi;
  let organizer: Awaited<ReturnType<typeof signedInOrganizer>>;
  let other: Awaited<ReturnType<typeof signedInOrganizer>>;
  let backfillId: string;

  const sql = <T = Record<string, unknown>[]>(text: string, params: unknown[] = []) =>
    api.dataSource.query<T>(text, params);
  const outbox = async () =>
    (await sql<{ n: number }[]>('SELECT count(*)::int AS n FROM outbox_message'))[0].n;
  const year2021 = () =>
    api.http
      .get('/api/statistics')
      .query({ from: '2021-01-01T00:00:00+08:00', to: '2022-01-01T00:00:00+08:00' })
      .set(bearer(organizer.token))
      .expect(200)
      .then((r) => r.body as RollupDto);

  beforeAll(async () => {
    await resetState();
    api = await startApi();
    organizer = await signedInOrganizer(api.app);
    other = await signedInOrganizer(api.app);
  });
  afterAll(async () => {
    await api.close();
  });

  it('refuses rows that are wrong, each by its sheet, row and a plain reason, and writes nothing', async () => {
    const rows = programmeYear();
    rows.events[1] = { ...rows.events[1], kind: 'party', endsAt: rows.events[1].startsAt };
    rows.deals[0] = { ...rows.deals[0], signedOn: '2099-01-01' };
    rows.checkIns[0] = { ...rows.checkIns[0], deal: 'D9', months: 5 };
    const { body } = await api.http
      .post(`/api/organizations/${organizer.organization.id}/backfills`)
      .set(bearer(organizer.token))
      .send(rows)
      .expect(422);
    expect(body.code).toBe('BACKFILL_ROWS_INVALID');
    expect(body.details.problems).toEqual([
      expect.objectContaining({ sheet: '活动', row: 2, field: 'kind' }),
      { kind: 'events', sheet: '活动', row: 2, field: 'endsAt', message: '结束时间应晚于开始时间' },
      {
        kind: 'deals',
        sheet: '签约',
        row: 1,
        field: 'signedOn',
        message: '签约日期不能晚于今天（只补录过去的）',
      },
      {
        kind: 'checkIns',
        sheet: '回访',
        row: 1,
        field: 'deal',
        message: '签约编号 D9 未在前面的表中出现',
      },
      {
        kind: 'checkIns',
        sheet: '回访',
        row: 1,
        field: 'months',
        message: '回访月数应为 3、6 或 12',
      },
    ]);
    expect(body.details.problems[0].message).toMatch(/^活动类型应为 roadshow、salon/);
    await expect(sql('SELECT id FROM backfill')).resolves.toEqual([]);
    await expect(sql('SELECT id FROM event')).resolves.toEqual([]);
  });

  it('is for the organization’s managers: another centre does not know it exists', async () => {
    const { body } = await api.http
      .post(`/api/organizations/${organizer.organization.id}/backfills`)
      .set(bearer(other.token))
      .send(programmeYear())
      .expect(404);
    expect(body.code).toBe('BACKFILL_NOT_FOUND');
  });

  it('enters the year with its real dates: the roll-up and the sentence carry exactly its figures, and nothing is sent', async () => {
    const { body } = await api.http
      .post(`/api/organizations/${organizer.organization.id}/backfills`)
      .set(bearer(organizer.token))
      .send(programmeYear())
      .expect(201);
    backfillId = body.id;
    expect(body.counts).toEqual({
      events: 6,
      results: 40,
      needs: 9,
      roadshows: 5,
      deals: 7,
      checkIns: 4,
      views: 3,
    });
    const rollup = await year2021();
    expect(rollup.events).toBe(6);
    expect(rollup.totals.released).toEqual({ results: 40, needs: 9 });
    // The accepted roadshows' results (路演发布成果).
    expect(rollup.totals.results).toBe(5);
    expect(rollup.totals.liveViews.external).toBe(12_000);
    expect(rollup.totals.dealsSince).toEqual({ count: 7, valueFen: 4000 * WAN });
    expect(rollup.totals.dealStages.landed).toEqual({ count: 2, valueFen: 2500 * WAN });
    expect(rollup.totals.checkIns).toEqual({
      deals: 3,
      receivedFen: 1200 * WAN,
      outputValueFen: 3000 * WAN,
    });
    expect(rollup.summary).toBe(
      '累计举办活动6场（其中成果路演2场、发布成果20项、签约3项1800万元；' +
        '对接沙龙2场、发布成果10项、签约2项1800万元；云对接2场、发布成果10项、签约2项400万元），' +
        '通过活动发布科技成果40项，征集技术需求9项，路演发布成果5项，线上直播累计观看1.2万人次，' +
        '促成签约7项，签约金额4000万元，已落地2项，到账1200万元，新增产值3000万元',
    );
    // Each in its own period: nothing of it falls in the year after.
    const next = await api.http
      .get('/api/statistics')
      .query({ from: '2022-01-01T00:00:00+08:00', to: '2023-01-01T00:00:00+08:00' })
      .set(bearer(organizer.token))
      .expect(200);
    expect(next.body.events).toBe(0);
    expect(next.body.totals.released).toEqual({ results: 0, needs: 0 });
    // No confirmation, reminder or follow-up check-in message for any of it.
    expect(await outbox()).toBe(0);
    await expect(sql(`SELECT count(*)::int AS n FROM follow_up_task`)).resolves.toEqual([{ n: 0 }]);
    const [events] = await sql<{ statuses: string[] }[]>(
      `SELECT array_agg(DISTINCT status) AS statuses FROM event WHERE backfill_id = $1`,
      [backfillId],
    );
    expect(events.statuses).toEqual(['concluded']);
    await expect(
      sql(`SELECT action FROM audit_entry WHERE subject_type = 'backfill' AND subject_id = $1`, [
        backfillId,
      ]),
    ).resolves.toEqual([{ action: 'imported' }]);
  });

  it('gives exactly the year’s figures in the XLSX export, the Word report and the PDF, still sending nothing', async () => {
    const query = { from: '2021-01-01T00:00:00+08:00', to: '2022-01-01T00:00:00+08:00' };
    const rollup = await year2021();
    // The export: one line per back-filled event, whose columns add up to the year's figures.
    const xlsx = await binary(
      api.http
        .get('/api/statistics/events.xlsx')
        .query({ ...query, lang: 'zh-CN' })
        .set(bearer(organizer.token)),
    ).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const column = (name: string) => {
      const index = header.indexOf(name) + 1;
      expect(index).toBeGreaterThan(0);
      return Array.from({ length: sheet.rowCount - 1 }, (_, i) =>
        Number(sheet.getRow(i + 2).getCell(index).value),
      );
    };
    const sum = (name: string) => column(name).reduce((a, b) => a + b, 0);
    expect(sheet.rowCount - 1).toBe(6);
    expect(sum('发布成果')).toBe(40);
    expect(sum('征集需求')).toBe(9);
    expect(sum('路演成果')).toBe(5);
    expect(sum('外部观看')).toBe(12_000);
    expect(sum('累计签约')).toBe(7);
    expect(sum('累计签约金额（万元）')).toBe(4_000);
    expect(sum('已落地')).toBe(2);
    expect(sum('到账（万元）')).toBe(1_200);
    expect(sum('产值（万元）')).toBe(3_000);
    // The Word report: the same sentence word for word, and the figures cell by cell.
    const docx = await binary(
      api.http.get('/api/statistics/report.docx').query(query).set(bearer(organizer.token)),
    ).expect(200);
    const xml = strFromU8(unzipSync(docx.body as Uint8Array)['word/document.xml']);
    const paragraphs = [...xml.matchAll(/<w:p[ >].*?<\/w:p>/g)].map((p) =>
      [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
    );
    expect(paragraphs).toContain(rollup.summary);
    expect(paragraphs).toContain('统计期间：2021-01-01 至 2021-12-31');
    const cells = paragraphs.join('|');
    expect(cells).toContain(
      '举办活动（场）|6|发布科技成果（项）|40|征集技术需求（项）|9|路演发布成果（项）|5|',
    );
    expect(cells).toContain('直播观看（人次）|12000|');
    expect(cells).toContain('促成签约（项）|7|签约金额|4000万元|已落地（项）|2|');
    expect(cells).toContain('到账金额|1200万元|新增产值|3000万元');
    // The PDF: the sentence on its first page, as the screenshot shows it.
    const pdf = await binary(
      api.http.get('/api/statistics/report.pdf').query(query).set(bearer(organizer.token)),
    ).expect(200);
    const screenshot = join(PROJECT_ROOT, 'test-artifacts', 'reports', 'backfill-2021-page-1.png');
    const browser = await launchBrowser();
    try {
      const first = await readPdfFirstPage(browser, pdf.body as Buffer, screenshot);
      const text = first.text.replace(/\s/g, '');
      expect(text).toContain(rollup.summary);
      expect(text).toContain('统计期间：2021-01-01至2021-12-31');
      expect(text).toContain('促成签约（项）7');
      expect(text).toContain('签约金额4000万元');
    } finally {
      await browser.close();
    }
    expect(existsSync(screenshot)).toBe(true);
    expect(await outbox()).toBe(0);
  });

  it('is not undone while a record entered since hangs on one of its events', async () => {
    const [{ id: eventId }] = await sql<{ id: string }[]>(
      `SELECT id FROM event WHERE backfill_id = $1 AND title = '2021 对接沙龙·燃气安全'`,
      [backfillId],
    );
    const deal = await api.http
      .post('/api/deals')
      .set(bearer(organizer.token))
      .send({
        enterpriseName: '成都燃气集团',
        institutionName: '西南石油大学',
        eventId,
        type: 'technical_service',
        contractValueFen: 100 * WAN,
        signedOn: '2022-03-01',
      })
      .expect(201);
    const refused = await api.http
      .post(`/api/backfills/${backfillId}/undo`)
      .set(bearer(organizer.token))
      .expect(409);
    expect(refused.body.code).toBe('BACKFILL_IN_USE');
    await expect(sql('SELECT count(*)::int AS n FROM event')).resolves.toEqual([{ n: 6 }]);
    // Gone again (with what it scheduled), the back-fill may be undone.
    await sql('DELETE FROM outbox_message');
    await sql('DELETE FROM follow_up_task');
    await sql('DELETE FROM deal WHERE id = $1', [deal.body.id]);
  });

  it('is undone as a whole: every row it made goes, and the figures return to zero', async () => {
    await api.http.post(`/api/backfills/${backfillId}/undo`).set(bearer(other.token)).expect(404);
    const { body } = await api.http
      .post(`/api/backfills/${backfillId}/undo`)
      .set(bearer(organizer.token))
      .expect(200);
    expect(body.undoneAt).toEqual(expect.any(String));
    const rollup = await year2021();
    expect(rollup.events).toBe(0);
    expect(rollup.totals.released).toEqual({ results: 0, needs: 0 });
    expect(rollup.totals.dealsSince).toEqual({ count: 0, valueFen: 0 });
    expect(rollup.totals.liveViews.external).toBe(0);
    expect(rollup.platform).toEqual({ results: 0, needs: 0 });
    for (const table of ['event', 'research_result', 'technical_need', 'catalog_release']) {
      await expect(sql(`SELECT count(*)::int AS n FROM ${table}`)).resolves.toEqual([{ n: 0 }]);
    }
    for (const table of ['roadshow', 'deal', 'deal_check_in', 'external_views']) {
      await expect(sql(`SELECT count(*)::int AS n FROM ${table}`)).resolves.toEqual([{ n: 0 }]);
    }
    await expect(sql(`SELECT count(*)::int AS n FROM event_statistics`)).resolves.toEqual([
      { n: 0 },
    ]);
    expect(await outbox()).toBe(0);
    await expect(
      sql(
        `SELECT action FROM audit_entry WHERE subject_type = 'backfill' AND subject_id = $1 ORDER BY at`,
        [backfillId],
      ),
    ).resolves.toEqual([{ action: 'imported' }, { action: 'undone' }]);
    const again = await api.http
      .post(`/api/backfills/${backfillId}/undo`)
      .set(bearer(organizer.token))
      .expect(409);
    expect(again.body.code).toBe('BACKFILL_ALREADY_UNDONE');
  });

  it('reads a workbook filled in from the template: problems by sheet and line, then the programme', async () => {
    const template = await binary(
      api.http.get('/api/backfills/template.xlsx').set(bearer(organizer.token)),
    ).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.body as ExcelJS.Buffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      '说明',
      '活动',
      '成果',
      '需求',
      '路演',
      '签约',
      '回访',
      '外部观看',
    ]);
    const sheet = (name: string) => workbook.getWorksheet(name)!;
    expect(sheet('活动').getRow(1).values).toEqual([
      undefined,
      '活动编号',
      '活动名称',
      '活动类型',
      '举办形式',
      '开始时间',
      '结束时间',
    ]);
    // Times as Beijing wall clock, a date cell for the second event.
    sheet('活动').addRow([
      'W1',
      '2020 企业家进校园',
      'campus_visit',
      '',
      '2020-09-10 09:00',
      '2020-09-10 12:00',
    ]);
    sheet('活动').addRow([
      'W2',
      '2020 科学家进园区',
      'park_visit',
      'offline',
      new Date('2020-10-15T09:00:00Z'),
      new Date('2020-10-15T12:00:00Z'),
    ]);
    sheet('成果').addRow([
      'WR1',
      'W1',
      '低功耗传感芯片',
      '电子科技大学',
      '',
      7,
      '2020-09-10 09:00',
    ]);
    sheet('成果').addRow(['WR2', 'W3', '柔性电池', '四川大学', '', 5, '2020-10-15 09:00']);
    sheet('签约').addRow([
      'WD1',
      'W2',
      'WR1',
      '成都芯联',
      '电子科技大学',
      'license',
      // 万元, as every amount is typed: 3 万元.
      3,
      '2020-10-15',
      '是',
    ]);
    sheet('外部观看').addRow(['W1', '视频号', 2500]);
    const upload = (book: ExcelJS.Workbook) =>
      book.xlsx
        .writeBuffer()
        .then((bytes) =>
          api.http
            .post(`/api/organizations/${organizer.organization.id}/backfills.xlsx`)
            .set(bearer(organizer.token))
            .set('content-type', XLSX)
            .send(Buffer.from(bytes)),
        );
    const refused = await upload(workbook);
    expect(refused.status).toBe(422);
    expect(refused.body.details.problems).toEqual([
      {
        kind: 'results',
        sheet: '成果',
        row: 3,
        field: 'event',
        message: '活动编号 W3 未在前面的表中出现',
      },
    ]);
    sheet('成果').getRow(3).getCell(2).value = 'W2';
    const made = await upload(workbook);
    expect(made.status).toBe(201);
    expect(made.body.counts).toEqual({
      events: 2,
      results: 2,
      needs: 0,
      roadshows: 0,
      deals: 1,
      checkIns: 0,
      views: 1,
    });
    await expect(
      sql(`SELECT title, starts_at FROM event WHERE backfill_id = $1 ORDER BY starts_at`, [
        made.body.id,
      ]),
    ).resolves.toEqual([
      { title: '2020 企业家进校园', starts_at: new Date('2020-09-10T01:00:00Z') },
      { title: '2020 科学家进园区', starts_at: new Date('2020-10-15T01:00:00Z') },
    ]);
    const { body } = await api.http
      .get('/api/statistics')
      .query({ from: '2020-01-01T00:00:00+08:00', to: '2021-01-01T00:00:00+08:00' })
      .set(bearer(organizer.token))
      .expect(200);
    expect(body.summary).toBe(
      '累计举办活动2场（其中企业家进校园1场、发布成果1项；科学家进园区1场、发布成果1项、签约1项3万元），' +
        '通过活动发布科技成果2项，征集技术需求0项，路演发布成果0项，线上直播累计观看2500人次，' +
        '促成签约1项，签约金额3万元，已落地1项',
    );
    expect(await outbox()).toBe(0);
  });
});

describe('the back-fill page (issue 18)', () => {
  let web: WebHarness;

  beforeAll(async () => {
    web = await startWebHarness();
  });
  afterAll(async () => {
    await web.close();
  });

  it('uploads a workbook, shows a wrong row by its sheet, line and column, then back-fills and undoes it', async () => {
    const organizer = await signedInOrganizer(web.api.app);
    const template = await binary(
      web.api.http.get('/api/backfills/template.xlsx').set(bearer(organizer.token)),
    ).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.body as ExcelJS.Buffer);
    workbook
      .getWorksheet('活动')!
      .addRow([
        'P1',
        '2020 成果路演',
        'roadshow',
        'offline',
        '2020-06-10 14:00',
        '2020-06-10 17:00',
      ]);
    workbook
      .getWorksheet('成果')!
      .addRow(['PR1', 'P9', '低功耗传感芯片', '电子科技大学', '', 7, '2020-06-10 14:00']);
    const upload = async (page: Page) => {
      const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
      await page.setInputFiles('#csv-file', { name: '补录.xlsx', mimeType: XLSX, buffer });
      await page.click('form[data-upload-form] button[type=submit]');
    };
    const { context, page } = await web.tab('zh-CN', { width: 390, height: 844 });
    try {
      await web.signIn(page, organizer.user.email, '/console/backfills');
      await web.visit(page, '/console/backfills', 'backfills-zh-CN-empty');
      expect(await page.locator('[data-template]').getAttribute('href')).toBe(
        '/api/backfills/template.xlsx',
      );
      await upload(page);
      const problems = page.locator('#upload-report table[data-sheet="成果"] tbody tr');
      await problems.first().waitFor();
      expect(await problems.allInnerTexts()).toEqual([
        expect.stringMatching(/^2\s+活动编号\s+活动编号 P9 未在前面的表中出现$/),
      ]);
      await expectSoundPage(page, 'backfills-zh-CN-refused');
      await expect(
        web.api.dataSource.query(
          'SELECT count(*)::int AS n FROM backfill WHERE organization_id = $1',
          [organizer.organization.id],
        ),
      ).resolves.toEqual([{ n: 0 }]);
      workbook.getWorksheet('成果')!.getRow(2).getCell(2).value = 'P1';
      await upload(page);
      await page.waitForURL(/done=imported/);
      const row = page.locator('tr[data-backfill]');
      expect(await row.innerText()).toContain('活动 1 · 成果 1');
      await expectSoundPage(page, 'backfills-zh-CN-imported');
      // Undoing asks first, on a page of its own.
      await Promise.all([page.waitForNavigation(), row.locator('button').click()]);
      await expectSoundPage(page, 'backfills-zh-CN-undo-confirm');
      await expect(page.locator('h1').textContent()).resolves.toBe('请确认');
      await page.locator('.confirm button.danger').click();
      await page.waitForURL(/done=undone/);
      expect(await page.locator('tr[data-backfill]').innerText()).toMatch(/已于 .+ 撤销/);
      await expect(
        web.api.dataSource.query(
          'SELECT count(*)::int AS n FROM event WHERE organization_id = $1',
          [organizer.organization.id],
        ),
      ).resolves.toEqual([{ n: 0 }]);
    } finally {
      await context.close();
    }
  });
});
