import { INestApplicationContext } from '@nestjs/common';
import { strFromU8, unzipSync } from 'fflate';
import { OutboxTasks } from 'src/notifications/outbox-tasks';
import { lastFullPeriod, nextSendingAt } from 'src/stats/report-periods';
import { ReportSchedules } from 'src/stats/report-schedules';
import { RollupDto } from 'src/stats/dto/stats.dto';
import { eventually, startApi, startWorker, TestApi } from 'test/support/app';
import { signedInOrganizer } from 'test/support/factories';
import { bearer } from 'test/support/http';
import { startSmtpServer, TestSmtp } from 'test/support/smtp';
import { resetState } from 'test/support/state';
import { expectSoundPage, startWebHarness, WebHarness } from 'test/support/web';

const WAN = 1_000_000; // 1万元 in fen
const ZONE = 'Asia/Shanghai';

/** The paragraphs of a Word document's body, as text. */
function paragraphsOf(docx: Buffer): string[] {
  const xml = strFromU8(unzipSync(new Uint8Array(docx))['word/document.xml']);
  return [...xml.matchAll(/<w:p[ >].*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  );
}

/**
 * Issue 18, item 5: a manager sets a monthly report for the centre; once the month has ended the
 * worker e-mails last month's report through the outbox, the Word document made when sent, and
 * the period goes out once however often the task runs. Last month is entered by a back-fill so
 * its figures are known by hand: a roadshow on the 10th (3 results, a deal of 300万元) and a salon
 * on the 20th (2 results, 2 needs, a deal of 500万元, landed); an event of the month before, with a
 * deal of 900万元, must not count.
 */
describe('reports e-mailed on a schedule (issue 18)', () => {
  let api: TestApi;
  let smtp: TestSmtp;
  let organizer: Awaited<ReturnType<typeof signedInOrganizer>>;
  let scheduleId: string;
  const month = lastFullPeriod('monthly', new Date(), ZONE);
  const before = lastFullPeriod('monthly', month.from, ZONE);
  /** The month under way, reported at its end. */
  const current = lastFullPeriod('monthly', nextSendingAt('monthly', new Date(), ZONE), ZONE);
  const day = (period: { key: string }, d: number) => `${period.key}-${String(d).padStart(2, '0')}`;

  const sql = <T = Record<string, unknown>[]>(text: string, params: unknown[] = []) =>
    api.dataSource.query<T>(text, params);

  beforeAll(async () => {
    await resetState();
    smtp = await startSmtpServer();
    api = await startApi({ SMTP_URL: smtp.url });
    organizer = await signedInOrganizer(api.app);
    const event = (key: string, kind: string, on: string) => ({
      key,
      title: `${on} ${kind}`,
      kind,
      format: 'offline',
      startsAt: `${on}T14:00:00+08:00`,
      endsAt: `${on}T17:00:00+08:00`,
    });
    const result = (key: string, on: string, event: string) => ({
      key,
      event,
      title: `成果 ${key}`,
      institutionName: '四川大学',
      readinessLevel: 6,
      releasedAt: `${on}T14:00:00+08:00`,
    });
    const deal = (key: string, event: string, wan: number, on: string, landed: boolean) => ({
      key,
      event,
      result: `${event}-R1`,
      enterpriseName: '成都芯联传感科技有限公司',
      institutionName: '四川大学',
      type: 'transfer',
      contractValueFen: wan * WAN,
      signedOn: on,
      landed,
    });
    const [e1, e2, e0] = [day(month, 10), day(month, 20), day(before, 15)];
    await api.http
      .post(`/api/organizations/${organizer.organization.id}/backfills`)
      .set(bearer(organizer.token))
      .send({
        events: [event('E1', 'roadshow', e1), event('E2', 'salon', e2), event('E0', 'salon', e0)],
        results: [
          ...['E1-R1', 'E1-R2', 'E1-R3'].map((k) => result(k, e1, 'E1')),
          ...['E2-R1', 'E2-R2'].map((k) => result(k, e2, 'E2')),
          result('E0-R1', e0, 'E0'),
        ],
        needs: ['N1', 'N2'].map((key) => ({
          key,
          event: 'E2',
          title: `需求 ${key}`,
          enterpriseName: '成都燃气集团',
          releasedAt: `${e2}T09:00:00+08:00`,
        })),
        deals: [
          deal('D1', 'E1', 300, e1, false),
          deal('D2', 'E2', 500, e2, true),
          deal('D0', 'E0', 900, e0, false),
        ],
      })
      .expect(201);
  });
  afterAll(async () => {
    await api.close();
    await smtp.close();
  });

  it('refuses what a manager got wrong, every field at once, and is the managers’ alone', async () => {
    const { body } = await api.http
      .post(`/api/organizations/${organizer.organization.id}/report-schedules`)
      .set(bearer(organizer.token))
      .send({ frequency: 'weekly', recipients: 'kjj@example.gov.cn, 不是邮箱', formats: ['xls'] })
      .expect(400);
    const fields = (body as { details: { fields: { field: string; message: string }[] } }).details
      .fields;
    expect(fields.map((d) => d.field).sort()).toEqual(['formats', 'frequency', 'recipients']);
    expect(fields.find((d) => d.field === 'frequency')?.message).toBe(
      '请从给出的选项中选择发送周期',
    );
    const stranger = await signedInOrganizer(api.app);
    const hidden = await api.http
      .post(`/api/organizations/${organizer.organization.id}/report-schedules`)
      .set(bearer(stranger.token))
      .send({ frequency: 'monthly', recipients: ['x@example.cn'] })
      .expect(404);
    expect(hidden.body.code).toBe('REPORT_SCHEDULE_NOT_FOUND');
    await api.http
      .get(`/api/organizations/${organizer.organization.id}/report-schedules`)
      .set(bearer(stranger.token))
      .expect(404);
  });

  it('is set with the addresses as people paste them; the first report waits for the month’s end', async () => {
    const { body } = await api.http
      .post(`/api/organizations/${organizer.organization.id}/report-schedules`)
      .set(bearer(organizer.token))
      .send({
        frequency: 'monthly',
        recipients: 'kjj@example.gov.cn；Office@Example.cn\n',
        formats: ['docx', 'pdf'],
      })
      .expect(201);
    scheduleId = body.id;
    const next = nextSendingAt('monthly', new Date(), ZONE);
    expect(body).toMatchObject({
      frequency: 'monthly',
      recipients: ['kjj@example.gov.cn', 'office@example.cn'],
      formats: ['docx', 'pdf'],
      seriesId: null,
      nextSendingAt: next.toISOString(),
      lastPeriod: null,
    });
    await expect(
      sql(
        `SELECT available_at FROM outbox_message
          WHERE template = 'send-scheduled-report' AND status = 'pending'`,
      ),
    ).resolves.toEqual([{ available_at: next }]);
    const list = await api.http
      .get(`/api/organizations/${organizer.organization.id}/report-schedules`)
      .set(bearer(organizer.token))
      .expect(200);
    expect((list.body as { id: string }[]).map((s) => s.id)).toEqual([scheduleId]);
  });

  it('e-mails last month’s report once the month has ended, once per address, carrying that month’s figures', async () => {
    const rollup: RollupDto = (
      await api.http
        .get('/api/statistics')
        .query({ from: month.from.toISOString(), to: month.to.toISOString() })
        .set(bearer(organizer.token))
        .expect(200)
    ).body;
    // By hand: 2 events, 5 results and 2 needs released, 2 deals worth 800万元, one landed.
    expect(rollup.events).toBe(2);
    expect(rollup.catalog).toEqual({ results: 5, needs: 2 });
    expect(rollup.totals.dealsSince).toEqual({ count: 2, valueFen: 800 * WAN });
    expect(rollup.summary).toContain('促成签约2项，签约金额800万元，已落地1项');
    // The month turns: the waiting task falls due (the clock cannot be moved; its row can).
    await sql(
      `UPDATE outbox_message SET available_at = now() WHERE template = 'send-scheduled-report'`,
    );
    let worker: INestApplicationContext | undefined = await startWorker({
      SMTP_URL: smtp.url,
      OUTBOX_POLL_MS: '100',
    });
    try {
      await eventually(
        async () => (smtp.delivered().length === 2 ? true : undefined),
        'the two reports',
        60_000,
      );
      const mails = smtp.delivered();
      expect(mails.map((m) => m.to).sort()).toEqual(['kjj@example.gov.cn', 'office@example.cn']);
      const last = [day(month, 1), dayBefore(month.to)];
      for (const mail of mails) {
        expect(mail.subject).toBe(`${organizer.organization.name} 统计报告（${month.key}）`);
        expect(mail.text).toContain(`总体情况：${rollup.summary}`);
        expect(mail.text).toContain(`${last[0]} 至 ${last[1]}`);
        expect(mail.attachments.map((a) => a.filename)).toEqual([
          `${organizer.organization.name}-${month.key}-统计报告.docx`,
          `${organizer.organization.name}-${month.key}-统计报告.pdf`,
        ]);
        const paragraphs = paragraphsOf(mail.attachments[0].bytes);
        expect(paragraphs).toContain(rollup.summary);
        expect(paragraphs).toContain(`统计机构：${organizer.organization.name}`);
        expect(paragraphs).toContain(`统计期间：${last[0]} 至 ${last[1]}`);
        const cells = paragraphs.join('|');
        expect(cells).toContain('举办活动（场）|2|');
        expect(cells).toContain('促成签约（项）|2|签约金额|800万元|');
        expect(mail.attachments[1].bytes.subarray(0, 5).toString()).toBe('%PDF-');
      }
      // The task run again (a retry, a second worker) sends nothing more.
      await expect(api.app.get(ReportSchedules).sendDue(scheduleId, new Date())).resolves.toBe(
        null,
      );
      await api.app.get(OutboxTasks).run('send-scheduled-report', { scheduleId });
      await worker.close();
      worker = undefined;
      // And a restarted worker finds nothing left to send.
      worker = await startWorker({ SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' });
      await eventually(async () => {
        const [{ n }] = await sql<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM outbox_message
            WHERE status NOT IN ('delivered', 'dropped') AND available_at <= now()`,
        );
        return n === 0 ? true : undefined;
      }, 'the outbox caught up');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(smtp.received).toHaveLength(2);
      await expect(
        sql('SELECT period, recipients FROM report_dispatch WHERE schedule_id = $1', [scheduleId]),
      ).resolves.toEqual([
        { period: month.key, recipients: ['kjj@example.gov.cn', 'office@example.cn'] },
      ]);
    } finally {
      await worker?.close();
    }
    // The next month's report waits for its own end.
    const next = nextSendingAt('monthly', new Date(), ZONE);
    await expect(
      sql(
        `SELECT available_at FROM outbox_message
          WHERE template = 'send-scheduled-report' AND status = 'pending'`,
      ),
    ).resolves.toEqual([{ available_at: next }]);
    const list = await api.http
      .get(`/api/organizations/${organizer.organization.id}/report-schedules`)
      .set(bearer(organizer.token))
      .expect(200);
    expect(list.body[0].lastPeriod).toBe(month.key);
  });

  it('sends a period once when runs race each other', async () => {
    await sql('DELETE FROM report_dispatch');
    const schedules = api.app.get(ReportSchedules);
    const runs = await Promise.all(
      Array.from({ length: 4 }, () => schedules.sendDue(scheduleId, new Date())),
    );
    expect(runs.filter((r) => r !== null)).toEqual([month.key]);
    await expect(sql('SELECT count(*)::int AS n FROM report_dispatch')).resolves.toEqual([
      { n: 1 },
    ]);
    // The e-mails' own keys hold too: no second message per address was recorded.
    await expect(
      sql(`SELECT count(*)::int AS n FROM outbox_message WHERE template = 'statistics-report'`),
    ).resolves.toEqual([{ n: 2 }]);
    // Control: once is per period, not once for ever. Run at the next sending time, the month
    // under way now is sent (two more messages), so the counts above would see a second sending.
    const later = nextSendingAt('monthly', new Date(), ZONE);
    await expect(schedules.sendDue(scheduleId, later)).resolves.toBe(current.key);
    await expect(
      sql(`SELECT count(*)::int AS n FROM outbox_message WHERE template = 'statistics-report'`),
    ).resolves.toEqual([{ n: 4 }]);
  });

  it('sends the Word report alone where the worker’s machine has no Chromium', async () => {
    const { body } = await api.http
      .post(`/api/organizations/${organizer.organization.id}/report-schedules`)
      .set(bearer(organizer.token))
      .send({ frequency: 'monthly', recipients: ['leader@example.cn'], formats: ['docx', 'pdf'] })
      .expect(201);
    await expect(api.app.get(ReportSchedules).sendDue(body.id as string, new Date())).resolves.toBe(
      month.key,
    );
    const worker = await startWorker({
      SMTP_URL: smtp.url,
      OUTBOX_POLL_MS: '100',
      CHROMIUM_PATH: '/nonexistent/chromium',
    });
    try {
      const mail = await eventually(
        async () => smtp.delivered().find((m) => m.to === 'leader@example.cn'),
        'the report without its PDF',
      );
      expect(mail.attachments.map((a) => a.filename)).toEqual([
        `${organizer.organization.name}-${month.key}-统计报告.docx`,
      ]);
      expect(paragraphsOf(mail.attachments[0].bytes)).toContain(
        `统计机构：${organizer.organization.name}`,
      );
    } finally {
      await worker.close();
    }
    await api.http
      .delete(`/api/report-schedules/${body.id as string}`)
      .set(bearer(organizer.token))
      .expect(204);
  });

  it('is changed to quarterly, its one waiting sending moved; then stopped, that sending dropped', async () => {
    const changed = await api.http
      .put(`/api/report-schedules/${scheduleId}`)
      .set(bearer(organizer.token))
      .send({ frequency: 'quarterly', recipients: ['kjj@example.gov.cn'] })
      .expect(200);
    const next = nextSendingAt('quarterly', new Date(), ZONE);
    expect(changed.body).toMatchObject({
      frequency: 'quarterly',
      recipients: ['kjj@example.gov.cn'],
      formats: ['docx', 'pdf'],
      nextSendingAt: next.toISOString(),
      lastPeriod: current.key,
    });
    await expect(
      sql(
        `SELECT available_at FROM outbox_message
          WHERE template = 'send-scheduled-report' AND status = 'pending'`,
      ),
    ).resolves.toEqual([{ available_at: next }]);
    const stranger = await signedInOrganizer(api.app);
    await api.http
      .put(`/api/report-schedules/${scheduleId}`)
      .set(bearer(stranger.token))
      .send({ frequency: 'monthly', recipients: ['x@example.cn'] })
      .expect(404);
    await api.http
      .delete(`/api/report-schedules/${scheduleId}`)
      .set(bearer(organizer.token))
      .expect(204);
    await expect(
      sql(
        `SELECT count(*)::int AS n FROM outbox_message
          WHERE template = 'send-scheduled-report' AND status = 'pending'`,
      ),
    ).resolves.toEqual([{ n: 0 }]);
  });
});

/** The last day of a period that ends at `to` (its first instant out), in Shanghai. */
function dayBefore(to: Date): string {
  return new Date(to.getTime() - 1).toLocaleDateString('sv', { timeZone: ZONE });
}

describe('the scheduled-reports page (issue 18)', () => {
  let web: WebHarness;

  beforeAll(async () => {
    web = await startWebHarness();
  });
  afterAll(async () => {
    await web.close();
  });

  it('sets a report with the addresses as typed, shows a wrong one beside its field, and stops it', async () => {
    const organizer = await signedInOrganizer(web.api.app);
    const { context, page } = await web.tab('zh-CN', { width: 390, height: 844 });
    try {
      await web.signIn(page, organizer.user.email, '/console/statistics/schedules');
      await web.visit(page, '/console/statistics/schedules', 'report-schedules-zh-CN-empty');
      const section = page.locator(`section[data-organization="${organizer.organization.id}"]`);
      await section.locator('textarea[name=recipients]').fill('kjj@example.gov.cn，不是邮箱');
      await section.locator('select[name=frequency]').selectOption('quarterly');
      await section.locator('button[type=submit]').click();
      expect(await section.locator('.problem').first().textContent()).toContain(
        '不是有效的邮箱地址',
      );
      await expectSoundPage(page, 'report-schedules-zh-CN-refused');
      await section
        .locator('textarea[name=recipients]')
        .fill('kjj@example.gov.cn\nOffice@example.cn');
      await section.locator('input[name=formats][value=pdf]').check();
      await section.locator('button[type=submit]').click();
      await page.waitForURL(/done=scheduled/);
      await expectSoundPage(page, 'report-schedules-zh-CN-set');
      const row = page.locator('tr[data-schedule]');
      expect(await row.count()).toBe(1);
      const shown = await row.textContent();
      expect(shown).toContain('每季度');
      expect(shown).toContain('kjj@example.gov.cn、office@example.cn');
      expect(shown).toContain('DOCX + PDF');
      // Stopping asks first; the confirmed form stops it.
      await row.locator('button').click();
      await expectSoundPage(page, 'report-schedules-zh-CN-stop-confirm');
      await page.locator('.confirm button.danger').click();
      await page.waitForURL(/done=stopped/);
      expect(await page.locator('tr[data-schedule]').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
