import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { exportLocale } from 'src/common/export-table';
import { XLSX } from 'src/common/rows';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import {
  EventStatisticsDto,
  ExternalViewsDto,
  RollupDto,
  RollupQueryDto,
  StatisticsExportQueryDto,
} from 'src/stats/dto/stats.dto';
import { StatisticsService } from 'src/stats/statistics.service';
import { DOCX } from 'src/stats/report-document';
import { StatisticsReports } from 'src/stats/statistics-reports';

@ApiTags('statistics 统计')
@ApiBearerAuth()
@Roles('organizer')
@Controller()
export class StatisticsController {
  constructor(
    private readonly statistics: StatisticsService,
    private readonly reports: StatisticsReports,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @ApiOperation({ summary: '活动统计（组织者）/ An event’s compiled figures (organizers)' })
  @Get('events/:id/statistics')
  figures(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<EventStatisticsDto> {
    return this.statistics.figures(user, params.id);
  }

  @ApiOperation({
    summary: '重新生成活动统计（组织者）/ Compile an event’s figures again (organizers)',
  })
  @Post('events/:id/statistics/compile')
  @HttpCode(202)
  compile(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<void> {
    return this.statistics.requestCompile(user, params.id);
  }

  @ApiOperation({
    summary: '录入外部渠道观看数（组织者）/ Enter views counted by an outside channel (organizers)',
  })
  @Post('events/:id/external-views')
  @HttpCode(204)
  externalViews(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: ExternalViewsDto,
  ): Promise<void> {
    return this.statistics.addExternalViews(user, params.id, body);
  }

  @ApiOperation({
    summary:
      '汇总统计与报告摘要：按系列、时期、领域、机构、地区 / Roll-ups and the report sentence, by series, period, field, institution, region',
  })
  @Get('statistics')
  rollup(@CurrentUser() user: AuthUser, @Query() query: RollupQueryDto): Promise<RollupDto> {
    return this.statistics.rollup(user, query);
  }

  @ApiOperation({
    summary:
      '导出各活动统计（CSV）：一种语言（?lang= 或 Accept-Language），金额以万元计 / Every event’s figures as CSV: one language (?lang= or Accept-Language), amounts in 10,000 yuan',
  })
  @ApiProduces('text/csv')
  @Get('statistics/events.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="statistics.csv"')
  csv(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Query() query: StatisticsExportQueryDto,
  ): Promise<Buffer> {
    return this.exported(request, user, query, 'csv');
  }

  @ApiOperation({
    summary:
      '导出各活动统计（XLSX）：一种语言，数字为数字，开始时间为日期单元格（活动时区）/ Every event’s figures as an Excel workbook: one language, numbers as numbers, starts as date cells in the event’s zone',
  })
  @ApiProduces(XLSX)
  @Get('statistics/events.xlsx')
  @Header('content-type', XLSX)
  @Header('content-disposition', 'attachment; filename="statistics.xlsx"')
  xlsx(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Query() query: StatisticsExportQueryDto,
  ): Promise<Buffer> {
    return this.exported(request, user, query, 'xlsx');
  }

  @ApiOperation({
    summary:
      '统计报告（Word）：机构、时期、生成日期、报告摘要与各项数据；看不到的机构答 404 / The report as a Word document: organization, period, date made, the sentence and the figures; an organization the caller may not see is 404',
  })
  @ApiProduces(DOCX)
  @Get('statistics/report.docx')
  @Header('content-type', DOCX)
  @Header('content-disposition', 'attachment; filename="statistics-report.docx"')
  docx(@CurrentUser() user: AuthUser, @Query() query: RollupQueryDto): Promise<Buffer> {
    return this.reports.docx(user, query);
  }

  @ApiOperation({
    summary:
      '统计报告（PDF，由 Chromium 打印）：内容同 Word 版；服务器无 Chromium 时答 503 REPORT_PRINTER_UNAVAILABLE / The report as a PDF printed by Chromium, as the Word one; 503 REPORT_PRINTER_UNAVAILABLE where the server has no Chromium',
  })
  @ApiProduces('application/pdf')
  @Get('statistics/report.pdf')
  @Header('content-type', 'application/pdf')
  @Header('content-disposition', 'attachment; filename="statistics-report.pdf"')
  pdf(@CurrentUser() user: AuthUser, @Query() query: RollupQueryDto): Promise<Buffer> {
    return this.reports.pdf(user, query);
  }

  /** The export in the language asked for (`lang`, else the reader's, else the default). */
  private exported(
    request: FastifyRequest,
    user: AuthUser,
    { lang, ...rollup }: StatisticsExportQueryDto,
    format: 'csv' | 'xlsx',
  ): Promise<Buffer> {
    const locale = exportLocale(
      lang,
      request.headers['accept-language'],
      this.config.defaultLocale,
    );
    return this.statistics.export(user, rollup, format, locale);
  }
}
