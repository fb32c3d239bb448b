import { Inject, Injectable } from '@nestjs/common';
import { AuthUser } from 'src/common/auth/auth-user';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { Tx } from 'src/database/tx';
import { EventAccess } from 'src/events/event-access';
import { printPdf } from 'src/stats/pdf-printer';
import { ReportHeading, reportDocumentDocx, reportHtml } from 'src/stats/report-document';
import { RollupDto, RollupQueryDto } from 'src/stats/dto/stats.dto';
import { StatisticsService } from 'src/stats/statistics.service';
import { StatsError } from 'src/stats/stats.errors';

/** The platform's name in a report of every organization's figures (an administrator's). */
const EVERYONE = '全平台';

/**
 * The roll-up as a document: the same DTO and sentence as `GET /statistics`, read through the same
 * policy, with the name of the organization it is about.
 */
@Injectable()
export class StatisticsReports {
  constructor(
    private readonly tx: Tx,
    private readonly access: EventAccess,
    private readonly statistics: StatisticsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The roll-up of the query as a Word document; 404 for an organization whose figures the user does not read. */
  async docx(user: AuthUser, query: RollupQueryDto, generatedAt = new Date()): Promise<Buffer> {
    return reportDocumentDocx(...(await this.report(user, query, generatedAt)));
  }

  /** The same report printed to PDF by Chromium (503 where the machine has none). */
  async pdf(user: AuthUser, query: RollupQueryDto, generatedAt = new Date()): Promise<Buffer> {
    const html = reportHtml(...(await this.report(user, query, generatedAt)));
    return printPdf(this.config.chromiumPath, html);
  }

  /**
   * A scheduled report: the figures of the organization and those below it (or of one of its
   * series) over the period, made when the e-mail carrying it is sent. No reader: the schedule was
   * set by the organization's managers, and the report is the organization's own.
   */
  async ofOrganization(
    about: { organizationId: string; seriesId: string | null; from: Date; to: Date },
    format: 'docx' | 'pdf',
    generatedAt = new Date(),
  ): Promise<Buffer> {
    const { organizationId, seriesId, from, to } = about;
    const query: RollupQueryDto = { organizationId, from, to, ...(seriesId && { seriesId }) };
    const rollup = await this.statistics.rollupOf('all', query);
    const names = await this.namesOf(organizationId, seriesId);
    const heading: ReportHeading = {
      organization: names.organization,
      ...(names.series && { series: names.series }),
      from,
      to,
      generatedAt,
      timeZone: this.config.defaultTimeZone,
    };
    return format === 'docx'
      ? reportDocumentDocx(rollup, heading)
      : printPdf(this.config.chromiumPath, reportHtml(rollup, heading));
  }

  /** The names a scheduled report is headed with: its organization's, and its series' if one. */
  async namesOf(
    organizationId: string,
    seriesId: string | null,
  ): Promise<{ organization: string; series: string | null }> {
    const [names] = await this.tx.query<{ organization: string; series: string | null }[]>(
      `SELECT o.name AS organization, s.name AS series
         FROM organization o LEFT JOIN event_series s ON s.id = $2 WHERE o.id = $1`,
      [organizationId, seriesId],
    );
    return names;
  }

  private async report(
    user: AuthUser,
    query: RollupQueryDto,
    generatedAt: Date,
  ): Promise<[RollupDto, ReportHeading]> {
    const organization = await this.organizationName(user, query.organizationId);
    const rollup = await this.statistics.rollup(user, query);
    const { from, to } = query;
    return [rollup, { organization, from, to, generatedAt, timeZone: this.config.defaultTimeZone }];
  }

  /**
   * The organization asked about, or the topmost ones whose figures the user reads; one outside
   * them is not found, as if it did not exist.
   */
  private async organizationName(user: AuthUser, organizationId?: string): Promise<string> {
    const insiders = await this.access.insidersOf(user);
    if (organizationId && insiders !== 'all' && !insiders.includes(organizationId))
      throw StatsError.REPORT_ORGANIZATION_NOT_FOUND({ organizationId });
    if (!organizationId && insiders === 'all') return EVERYONE;
    const ids = organizationId ? [organizationId] : (insiders as string[]);
    const rows = await this.tx.query<{ name: string }[]>(
      `SELECT name FROM organization WHERE id = ANY($1)
         AND (parent_id IS NULL OR NOT parent_id = ANY($1)) ORDER BY name`,
      [ids],
    );
    if (rows.length === 0) throw StatsError.REPORT_ORGANIZATION_NOT_FOUND({ organizationId });
    return rows.map((r) => r.name).join('、');
  }
}
