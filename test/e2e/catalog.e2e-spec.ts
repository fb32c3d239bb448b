import ExcelJS from 'exceljs';
import { INestApplicationContext } from '@nestjs/common';
import { startApi, startWorker, TestApi } from 'test/support/app';
import { imported as importedFrom } from 'test/support/imports';
import { createEvent, seatAt, signedInAs, signedInOrganizer } from 'test/support/factories';
import { bearer, fieldNames } from 'test/support/http';
import { resetState } from 'test/support/state';

type Person = Awaited<ReturnType<typeof signedInAs>>;

const gasSensor = {
  title: '高灵敏度MEMS气体传感器',
  summary: '基于微热板与金属氧化物敏感膜的低功耗气体传感器，可检测甲烷、一氧化碳等气体。',
  description:
    '采用MEMS微加工工艺制备微热板，功耗低于20毫瓦，响应时间小于10秒，适用于燃气泄漏报警。',
  fields: ['电子信息'],
  keywords: ['气体传感器', 'MEMS', '燃气报警'],
  readinessLevel: 6,
  patents: [{ number: 'ZL202110000001.X', status: 'granted' }],
  cooperationModes: ['transfer', 'license'],
  askingPriceMinFen: 50_000_000,
  askingPriceMaxFen: 120_000_000,
  institutionName: '电子科技大学',
  team: [{ name: '李明', title: '教授' }],
  region: '四川省成都市',
};

describe('catalog: results, needs, experts', () => {
  let api: TestApi;
  let expert: Person;
  let otherExpert: Person;
  let enterprise: Person;
  let organizer: Awaited<ReturnType<typeof signedInOrganizer>>;
  /** The organizer's salon and closed-door docking session: their programmes. */
  let salon: string;
  let session: string;

  let worker: INestApplicationContext;

  beforeAll(async () => {
    await resetState();
    api = await startApi();
    worker = await startWorker();
    expert = await signedInAs(api.app, ['expert'], '李明');
    otherExpert = await signedInAs(api.app, ['expert']);
    enterprise = await signedInAs(api.app, ['enterprise']);
    organizer = await signedInOrganizer(api.app);
    salon = await createEvent(api.http, organizer);
    session = await createEvent(
      api.http,
      organizer,
      { kind: 'precise_docking', visibility: 'closed_door', title: '燃气行业闭门对接会' },
      ['published'],
    );
    await seatAt(api.dataSource, session, enterprise);
  });

  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it('lets an expert enter a result, publish it, and the public find it by Chinese words and filters', async () => {
    const created = await api.http
      .post('/api/results')
      .set(bearer(expert.token))
      .send(gasSensor)
      .expect(201);
    expect(created.body).toMatchObject({
      ...gasSensor,
      ownerId: expert.user.id,
      published: false,
      publishedAt: null,
    });
    const id = created.body.id as string;
    await api.http.get(`/api/results/${id}`).expect(404);
    // Brought into none of the organizer's programmes yet: not theirs to see unpublished.
    await api.http.get(`/api/results/${id}`).set(bearer(organizer.token)).expect(404);

    await api.http
      .patch(`/api/results/${id}`)
      .set(bearer(otherExpert.token))
      .send({ title: '改名' })
      .expect(404);
    const published = await api.http
      .patch(`/api/results/${id}`)
      .set(bearer(expert.token))
      .send({ published: true })
      .expect(200);
    expect(published.body.publishedAt).not.toBeNull();
    const refused = await api.http
      .patch(`/api/results/${id}`)
      .set(bearer(otherExpert.token))
      .send({ title: '改名' })
      .expect(403);
    expect(refused.body.code).toBe('CATALOG_NOT_OWNER');
    const keywords = { keywords: ['气体传感器', 'MEMS', '燃气报警', '甲烷检测'] };
    await api.http
      .patch(`/api/results/${id}`)
      .set(bearer(organizer.token))
      .send(keywords)
      .expect(403);
    // Attached to the organizer's salon, the result is theirs to curate.
    const attached = await api.http
      .post(`/api/results/${id}/releases`)
      .set(bearer(organizer.token))
      .send({ eventId: salon })
      .expect(201);
    expect(attached.body).toMatchObject([
      { resultId: id, eventId: salon, organizationId: organizer.organization.id, act: 'attached' },
    ]);
    await api.http
      .patch(`/api/results/${id}`)
      .set(bearer(organizer.token))
      .send(keywords)
      .expect(200);

    const found = (q: Record<string, string | number>) =>
      api.http
        .get('/api/results')
        .query(q)
        .expect(200)
        .then((r) => (r.body.items as { id: string }[]).map((i) => i.id));
    expect(await found({ q: '燃气泄漏 传感器' })).toEqual([id]);
    expect(await found({ q: '甲烷检测' })).toEqual([id]);
    expect(await found({ q: '锂电池' })).toEqual([]);
    expect(await found({ field: '电子信息', minReadiness: 6, cooperationMode: 'license' })).toEqual(
      [id],
    );
    expect(await found({ minReadiness: 7 })).toEqual([]);
    expect(await found({ cooperationMode: 'equity' })).toEqual([]);
  });

  it('refuses bad results with field messages', async () => {
    const bad = await api.http
      .post('/api/results')
      .set(bearer(expert.token))
      .send({ ...gasSensor, readinessLevel: 10, cooperationModes: ['gift'] })
      .expect(400);
    expect(fieldNames(bad.body).sort()).toEqual(['cooperationModes', 'readinessLevel']);
    const range = await api.http
      .post('/api/results')
      .set(bearer(expert.token))
      .send({ ...gasSensor, askingPriceMinFen: 200, askingPriceMaxFen: 100 })
      .expect(400);
    expect(fieldNames(range.body)).toEqual(['askingPriceMaxFen']);
    const unknown = await api.http
      .post('/api/results')
      .set(bearer(expert.token))
      .send({ ...gasSensor, institutionId: '00000000-0000-4000-8000-000000000000' })
      .expect(400);
    expect(unknown.body.code).toBe('CATALOG_UNKNOWN_ORGANIZATION');
    await api.http.post('/api/results').set(bearer(enterprise.token)).send(gasSensor).expect(403);
    await api.http.post('/api/results').send(gasSensor).expect(401);
  });

  it('keeps a need’s confidential details from everyone not entitled, in every answer and search', async () => {
    const secret = '我司天然气管网压力数据显示年泄漏损失约三百万元';
    const need = (confidentiality: string, title: string) =>
      api.http
        .post('/api/needs')
        .set(bearer(enterprise.token))
        .send({
          title,
          description: `${secret}（${title}）`,
          fields: ['电子信息'],
          keywords: ['泄漏监测'],
          budgetMinFen: 30_000_000,
          budgetMaxFen: 80_000_000,
          deadline: '2027-06-30',
          confidentiality,
          enterpriseName: '成都燃气集团',
          published: true,
        })
        .expect(201)
        .then((r) => r.body.id as string);
    const open = await need('public', '城市燃气管网泄漏在线监测');
    const matched = await need('matched_only', '燃气表具智能化改造');
    const closed = await need('organizers_only', '燃气调压站无人值守');
    // The enterprise brings them to the organizer's docking session: that organizer curates them.
    for (const needId of [open, matched, closed])
      await api.http
        .post(`/api/events/${session}/docking/needs`)
        .set(bearer(enterprise.token))
        .send({ needId })
        .expect(201);

    // Anonymous readers and another enterprise: the public need whole, the matched-only one
    // without details, the organizers-only one not at all.
    for (const token of [undefined, (await signedInAs(api.app, ['enterprise'])).token]) {
      const headers = token ? bearer(token) : {};
      const list = await api.http.get('/api/needs').set(headers).expect(200);
      expect((list.body.items as { id: string }[]).map((n) => n.id).sort()).toEqual(
        [open, matched].sort(),
      );
      expect(JSON.stringify(list.body)).not.toContain('燃气表具智能化改造）');
      const one = await api.http.get(`/api/needs/${matched}`).set(headers).expect(200);
      expect(one.body).toMatchObject({
        title: '燃气表具智能化改造',
        description: null,
        keywords: null,
        budgetMinFen: null,
        budgetMaxFen: null,
        redacted: true,
      });
      await api.http.get(`/api/needs/${closed}`).set(headers).expect(404);
      // Words only in the confidential description find only the public need.
      const search = await api.http.get('/api/needs').query({ q: '泄漏损失' }).set(headers);
      expect((search.body.items as { id: string }[]).map((n) => n.id)).toEqual([open]);
      const byTitle = await api.http.get('/api/needs').query({ q: '表具' }).set(headers);
      expect((byTitle.body.items as { id: string }[]).map((n) => n.id)).toEqual([matched]);
    }

    for (const token of [enterprise.token, organizer.token]) {
      const list = await api.http.get('/api/needs').set(bearer(token)).expect(200);
      expect(list.body.items).toHaveLength(3);
      expect((list.body.items as { redacted: boolean }[]).every((n) => !n.redacted)).toBe(true);
      const one = await api.http.get(`/api/needs/${closed}`).set(bearer(token)).expect(200);
      expect(one.body.description).toContain(secret);
    }
    const refused = await api.http
      .patch(`/api/needs/${open}`)
      .set(bearer(expert.token))
      .send({ title: '改' })
      .expect(403);
    expect(refused.body.code).toBe('CATALOG_NOT_OWNER');
    await api.http
      .patch(`/api/needs/${closed}`)
      .set(bearer(expert.token))
      .send({ title: '改' })
      .expect(404);
  });

  it('keeps expert profiles: one per expert, searchable, curated by the organizers of their results’ programmes', async () => {
    const mine = await api.http
      .put('/api/experts/me')
      .set(bearer(expert.token))
      .send({
        institutionName: '电子科技大学',
        title: '教授',
        fields: ['电子信息'],
        keywords: ['气体传感器', 'MEMS'],
        biography: '长期从事微纳传感器与智能感知研究。',
        region: '四川省成都市',
      })
      .expect(200);
    expect(mine.body).toMatchObject({
      name: '李明',
      userId: expert.user.id,
      availability: 'available',
    });
    const again = await api.http
      .put('/api/experts/me')
      .set(bearer(expert.token))
      .send({ institutionName: '电子科技大学', title: '教授', keywords: ['气体传感器'] })
      .expect(200);
    expect(again.body.id).toBe(mine.body.id);
    expect((await api.http.get('/api/experts/me').set(bearer(expert.token))).body.keywords).toEqual(
      ['气体传感器'],
    );

    const search = await api.http
      .get('/api/experts')
      .query({ q: '传感器' })
      .set(bearer(enterprise.token))
      .expect(200);
    expect((search.body.items as { id: string }[]).map((x) => x.id)).toEqual([mine.body.id]);
    await api.http.get('/api/experts').expect(401);

    await api.http
      .patch(`/api/experts/${mine.body.id}`)
      .set(bearer(enterprise.token))
      .send({ availability: 'unavailable' })
      .expect(403);
    // Another centre's organizer may not; the organizer whose salon the expert's result was
    // attached to (in the first case) may.
    const stranger = await signedInOrganizer(api.app);
    const refused = await api.http
      .patch(`/api/experts/${mine.body.id}`)
      .set(bearer(stranger.token))
      .send({ availability: 'unavailable' })
      .expect(403);
    expect(refused.body.code).toBe('CATALOG_NOT_CURATOR');
    await api.http
      .patch(`/api/experts/${mine.body.id}`)
      .set(bearer(organizer.token))
      .send({ availability: 'unavailable' })
      .expect(200);
    const hidden = await api.http.get('/api/experts').set(bearer(enterprise.token)).expect(200);
    expect(hidden.body.items).toEqual([]);
    const curated = await api.http.get('/api/experts').set(bearer(organizer.token)).expect(200);
    expect(curated.body.total).toBe(1);
  });

  it('imports results from CSV and needs from XLSX, reporting bad rows by line and field', async () => {
    const csv =
      '成果名称,简介,领域,关键词,成熟度,合作方式,专利,价格下限（万元）,价格上限（万元）,单位,是否发布\n' +
      '水质多参数在线监测仪,可同时监测COD、氨氮与浊度,节能环保,水质监测；在线监测,7,转让、技术服务,ZL202010000002.1 授权,20,60,四川大学,是\n' +
      '坏的成熟度,简介,节能环保,,十,转让,,,,四川大学,是\n' +
      '价格颠倒,简介,节能环保,,5,转让,,80,20,四川大学,是\n' +
      '高速轴承故障诊断系统,基于振动信号的轴承早期故障诊断,先进制造,轴承；故障诊断,6,合作开发,,,,西南交通大学,否\n';
    const results = await importedFrom(api.http, organizer.token, '/api/results/import', csv);
    expect(results).toMatchObject({ status: 'done', total: 4, imported: 2, errorTotal: 2 });
    expect(results.errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'readinessLevel'],
      [4, 'askingPriceMaxFen'],
    ]);
    const water = await api.http.get('/api/results').query({ q: '水质监测' }).expect(200);
    expect(water.body.items).toHaveLength(1);
    expect(water.body.items[0]).toMatchObject({
      cooperationModes: ['transfer', 'technical_service'],
      patents: [{ number: 'ZL202010000002.1', status: 'granted' }],
      askingPriceMinFen: 20_000_000,
      askingPriceMaxFen: 60_000_000,
      published: true,
    });

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('需求');
    sheet.addRow([
      '需求名称',
      '需求描述',
      '企业名称',
      '领域',
      '预算下限（万元）',
      '截止日期',
      '保密级别',
      '是否发布',
    ]);
    sheet.addRow([
      '锂电池负极材料降本',
      '希望提升硅碳负极循环寿命',
      '四川新能材料公司',
      '新能源',
      50,
      new Date('2027-03-31T00:00:00Z'),
      '仅匹配专家',
      '是',
    ]);
    sheet.addRow(['', '缺少名称', '某公司', '新能源', 10, null, '公开', '是']);
    const needs = await importedFrom(
      api.http,
      organizer.token,
      '/api/needs/import',
      Buffer.from(await workbook.xlsx.writeBuffer()),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(needs).toMatchObject({ imported: 1, errors: [{ row: 3, field: 'title' }] });
    const imported = await api.http
      .get('/api/needs')
      .query({ q: '负极' })
      .set(bearer(organizer.token))
      .expect(200);
    expect(imported.body.items[0]).toMatchObject({
      budgetMinFen: 50_000_000,
      deadline: '2027-03-31',
      confidentiality: 'matched_only',
    });

    // An enterprise imports needs of its own (an import is many creates); an expert may not.
    await api.http
      .post('/api/needs/import')
      .set(bearer(expert.token))
      .set('content-type', 'text/csv')
      .send('需求名称,需求描述,企业名称\n测试需求,描述,某公司')
      .expect(403);
    const own = await importedFrom(
      api.http,
      enterprise.token,
      '/api/needs/import',
      '需求名称,需求描述,企业名称,是否发布\n废旧电池回收工艺,寻求湿法回收合作,四川新能材料公司,否',
    );
    expect(own).toMatchObject({ status: 'done', imported: 1, errorTotal: 0, errors: [] });
    const [owned] = await api.dataSource.query<{ owner_id: string }[]>(
      "SELECT owner_id FROM technical_need WHERE title = '废旧电池回收工艺'",
    );
    expect(owned.owner_id).toBe(enterprise.user.id);
    const json = await api.http
      .post('/api/needs/import')
      .set(bearer(organizer.token))
      .send({ rows: [] })
      .expect(415);
    expect(json.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const garbage = await api.http
      .post('/api/needs/import')
      .set(bearer(organizer.token))
      .set('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(Buffer.from('not a workbook'))
      .expect(400);
    expect(garbage.body.code).toBe('IMPORT_UNREADABLE');
  });
});
