import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Access } from 'src/access/access';
import { AuthUser } from 'src/common/auth/auth-user';
import { DomainError } from 'src/common/errors/domain-error';
import { toDomainError } from 'src/common/errors/to-domain-error';
import { dayIn } from 'src/common/time';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { Tx } from 'src/database/tx';
import { Outbox } from 'src/notifications/outbox';
import { OutboxAttachments } from 'src/notifications/outbox-attachments';
import { OutboxTasks } from 'src/notifications/outbox-tasks';
import { ReportScheduleDto, ReportScheduleInputDto } from 'src/stats/dto/report-schedule.dto';
import { DOCX, periodText } from 'src/stats/report-document';
import {
  lastFullPeriod,
  nextSendingAt,
  ReportFormat,
  ReportPeriod,
} from 'src/stats/report-periods';
import { ReportSchedule } from 'src/stats/report-schedule.entity';
import { StatisticsReports } from 'src/stats/statistics-reports';
import { StatisticsService } from 'src/stats/statistics.service';
import { StatsError } from 'src/stats/stats.errors';

/** The outbox task that sends a schedule's report of the period just ended. */
const SEND = 'send-scheduled-report';
/** The e-mail carrying it (templates/messages/statistics-report). */
const MESSAGE = 'statistics-report';
/** The documents attached by reference: made when each e-mail is sent. */
const DOCUMENT = 'scheduled-report';
const subjectOf = (scheduleId: string) => `report-schedule:${scheduleId}`;
const MEDIA: Record<ReportFormat, string> = { docx: DOCX, pdf: 'application/pdf' };

/** What an e-mailed report is about, as its documents are made from it. */
interface DispatchRow {
  id: string;
  organizationId: string;
  seriesId: string | null;
  periodFrom: Date;
  periodTo: Date;
}

/**
 * Reports e-mailed on a schedule (定期报告): a manager sets, for the organization (or one of its
 * series), the addresses and how often; after each full month or quarter an outbox task sends the
 * period's report through the outbox, the Word document (and the PDF) attached by reference and
 * made when sent. A period goes out once: `report_dispatch` is unique by schedule and period, and
 * each e-mail's idempotency key names the schedule, the period and the address, so a task run
 * twice, retried or run by a restarted worker sends nothing more.
 */
@Injectable()
export class ReportSchedules {
  constructor(
    private readonly tx: Tx,
    private readonly access: Access,
    private readonly outbox: Outbox,
    private readonly statistics: StatisticsService,
    private readonly reports: StatisticsReports,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    tasks: OutboxTasks,
    attachments: OutboxAttachments,
  ) {
    tasks.register(SEND, async (data) => {
      await this.sendDue(String(data.scheduleId), new Date());
    });
    attachments.register(DOCUMENT, (key) => this.document(key));
  }

  /** The organization's schedules, for its managers. */
  async list(user: AuthUser, organizationId: string): Promise<ReportScheduleDto[]> {
    await this.assertManager(user, organizationId);
    const schedules = await this.tx.repository(ReportSchedule).find({
      where: { organizationId },
      order: { createdAt: 'ASC' },
    });
    return this.dtos(schedules);
  }

  /** A new schedule; its first report goes out when the current period has ended. */
  async create(
    user: AuthUser,
    organizationId: string,
    input: ReportScheduleInputDto,
  ): Promise<ReportScheduleDto> {
    return this.tx.run(async (manager) => {
      await this.assertManager(user, organizationId);
      await this.assertSeries(organizationId, input.seriesId ?? null);
      const schedule = await manager.save(
        manager.create(ReportSchedule, {
          organizationId,
          seriesId: input.seriesId ?? null,
          frequency: input.frequency,
          recipients: input.recipients,
          formats: input.formats ?? ['docx'],
          createdBy: user.id,
        }),
      );
      await this.scheduleNext(schedule, new Date());
      return (await this.dtos([schedule]))[0];
    });
  }

  /** Changes what, how often and to whom; a change of frequency moves the next sending. */
  async update(
    user: AuthUser,
    id: string,
    input: ReportScheduleInputDto,
  ): Promise<ReportScheduleDto> {
    return this.tx.run(async (manager) => {
      const schedule = await this.managedSchedule(user, id);
      await this.assertSeries(schedule.organizationId, input.seriesId ?? null);
      Object.assign(schedule, {
        seriesId: input.seriesId ?? null,
        frequency: input.frequency,
        recipients: input.recipients,
        formats: input.formats ?? schedule.formats,
      });
      await manager.save(schedule);
      await this.scheduleNext(schedule, new Date());
      return (await this.dtos([schedule]))[0];
    });
  }

  /** Stops the schedule: its next sending and any e-mail of it still waiting are dropped. */
  async remove(user: AuthUser, id: string): Promise<void> {
    await this.tx.run(async (manager) => {
      await this.managedSchedule(user, id);
      await this.outbox.drop([subjectOf(id)], SEND);
      await this.outbox.drop([subjectOf(id)], MESSAGE);
      await manager.delete(ReportSchedule, { id });
    });
  }

  /**
   * Sends the report of the last full period before `now` unless it went out already, then
   * schedules the next sending. Returns the period sent, or null (gone, or sent before).
   */
  async sendDue(scheduleId: string, now: Date): Promise<string | null> {
    return this.tx.run(async (manager) => {
      const schedule = await manager.findOne(ReportSchedule, {
        where: { id: scheduleId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!schedule) return null;
      const period = lastFullPeriod(schedule.frequency, now, this.config.defaultTimeZone);
      const [dispatch] = await this.tx.query<{ id: string }[]>(
        `INSERT INTO report_dispatch (schedule_id, period, period_from, period_to, recipients)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ON CONSTRAINT uq_report_dispatch_period DO NOTHING RETURNING id`,
        [schedule.id, period.key, period.from, period.to, schedule.recipients],
      );
      if (dispatch) await this.send(schedule, period, dispatch.id);
      await this.scheduleNext(schedule, now);
      return dispatch ? period.key : null;
    });
  }

  /** One e-mail per address, carrying the period's sentence and its documents by reference. */
  private async send(
    schedule: ReportSchedule,
    period: ReportPeriod,
    dispatchId: string,
  ): Promise<void> {
    const timeZone = this.config.defaultTimeZone;
    const { organizationId, seriesId } = schedule;
    const rollup = await this.statistics.rollupOf('all', {
      organizationId,
      from: period.from,
      to: period.to,
      ...(seriesId && { seriesId }),
    });
    const names = await this.reports.namesOf(organizationId, seriesId);
    const days = periodText({ ...period, timeZone });
    const query = new URLSearchParams({
      from: dayIn(period.from, timeZone),
      to: dayIn(period.to, timeZone),
      ...(seriesId && { seriesId }),
    });
    const data = {
      organization: names.organization,
      series: names.series ?? '',
      period: period.key,
      days,
      events: rollup.events,
      summary: rollup.summary,
      url: `${this.config.publicUrl}/console/statistics?${query.toString()}`,
      settingsUrl: `${this.config.publicUrl}/console/statistics/schedules`,
    };
    const filename = (format: ReportFormat) =>
      `${names.organization}-${period.key}-统计报告.${format}`;
    await this.outbox.add(
      schedule.recipients.map((recipient) => ({
        idempotencyKey: `report:${schedule.id}:${period.key}:${recipient}`,
        channel: 'email' as const,
        template: MESSAGE,
        locale: 'zh-CN' as const,
        recipient,
        subject: subjectOf(schedule.id),
        data,
        attachments: schedule.formats.map((format) => ({
          filename: filename(format),
          contentType: MEDIA[format],
          source: { kind: DOCUMENT, key: `${dispatchId}:${format}` },
        })),
      })),
    );
  }

  /**
   * The next sending, at the end of the current period. Always under the schedule's row lock, the
   * one waiting before is dropped first, so one waits at any time however often this runs; its key
   * is new each time, as the run under way (which may be the one that was meant for that period,
   * run early) keeps its own.
   */
  private async scheduleNext(schedule: ReportSchedule, now: Date): Promise<void> {
    const at = nextSendingAt(schedule.frequency, now, this.config.defaultTimeZone);
    const period = lastFullPeriod(schedule.frequency, at, this.config.defaultTimeZone);
    await this.outbox.drop([subjectOf(schedule.id)], SEND);
    await this.outbox.scheduleTask({
      name: SEND,
      key: `${SEND}:${schedule.id}:${period.key}:${randomUUID()}`,
      subject: subjectOf(schedule.id),
      data: { scheduleId: schedule.id },
      at,
    });
  }

  /**
   * A sent period's document (`<dispatch>:<format>`), made now; null (left out) once its schedule
   * is gone, or for the PDF where the machine has no Chromium.
   */
  private async document(key: string): Promise<Buffer | null> {
    const [dispatchId, format] = key.split(':') as [string, ReportFormat];
    const [row] = await this.tx.query<DispatchRow[]>(
      `SELECT d.id, s.organization_id AS "organizationId", s.series_id AS "seriesId",
              d.period_from AS "periodFrom", d.period_to AS "periodTo"
         FROM report_dispatch d JOIN report_schedule s ON s.id = d.schedule_id WHERE d.id = $1`,
      [dispatchId],
    );
    if (!row) return null;
    const about = { ...row, from: row.periodFrom, to: row.periodTo };
    return this.reports.ofOrganization(about, format).catch((error: unknown) => {
      // A machine without Chromium sends the Word report alone rather than nothing; a print that
      // failed is tried again with the e-mail.
      const known = toDomainError(error);
      const missing =
        known?.code === 'REPORT_PRINTER_UNAVAILABLE' &&
        error instanceof DomainError &&
        error.details.reason === 'missing';
      if (missing) return null;
      throw error;
    });
  }

  private async dtos(schedules: ReportSchedule[]): Promise<ReportScheduleDto[]> {
    const last = await this.tx.query<{ scheduleId: string; period: string; sentAt: Date }[]>(
      `SELECT DISTINCT ON (schedule_id) schedule_id AS "scheduleId", period, sent_at AS "sentAt"
         FROM report_dispatch WHERE schedule_id = ANY($1) ORDER BY schedule_id, sent_at DESC`,
      [schedules.map((s) => s.id)],
    );
    const lastOf = new Map(last.map((l) => [l.scheduleId, l]));
    return schedules.map((s) => ({
      id: s.id,
      organizationId: s.organizationId,
      seriesId: s.seriesId,
      frequency: s.frequency,
      recipients: s.recipients,
      formats: s.formats,
      nextSendingAt: nextSendingAt(s.frequency, new Date(), this.config.defaultTimeZone),
      lastPeriod: lastOf.get(s.id)?.period ?? null,
      lastSentAt: lastOf.get(s.id)?.sentAt ?? null,
    }));
  }

  private async managedSchedule(user: AuthUser, id: string): Promise<ReportSchedule> {
    const schedule = await this.tx.manager.findOne(ReportSchedule, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!schedule) throw StatsError.REPORT_SCHEDULE_NOT_FOUND({ id });
    await this.assertManager(user, schedule.organizationId, id);
    return schedule;
  }

  /** The organization's managers (the policy's `change`); 404 for whoever may not know of it. */
  private async assertManager(user: AuthUser, organizationId: string, id?: string) {
    const decision = await this.access.decide(user, 'change', {
      kind: 'organization',
      organizationId,
    });
    if (decision === 'allow') return;
    if (id || decision === 'not-found')
      throw StatsError.REPORT_SCHEDULE_NOT_FOUND({ id: id ?? organizationId });
    throw StatsError.REPORT_SCHEDULE_FORBIDDEN({ organizationId });
  }

  /** A series chosen must be the organization's (or one below it). */
  private async assertSeries(organizationId: string, seriesId: string | null): Promise<void> {
    if (!seriesId) return;
    const [row] = await this.tx.query<{ found: boolean }[]>(
      `WITH RECURSIVE branch AS (
         SELECT id FROM organization WHERE id = $1
         UNION SELECT o.id FROM organization o JOIN branch b ON o.parent_id = b.id)
       SELECT EXISTS (SELECT 1 FROM event_series
                       WHERE id = $2 AND organization_id IN (SELECT id FROM branch)) AS found`,
      [organizationId, seriesId],
    );
    if (!row.found) throw StatsError.REPORT_SCHEDULE_SERIES_UNKNOWN({ seriesId });
  }
}
