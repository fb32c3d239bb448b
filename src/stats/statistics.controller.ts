import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { XLSX } from 'src/common/rows';
import {
  EventStatisticsDto,
  ExternalViewsDto,
  RollupDto,
  RollupQueryDto,
} from 'src/stats/dto/stats.dto';
import { StatisticsService } from 'src/stats/statistics.service';

@ApiTags('statistics 统计')
@ApiBearerAuth()
@Roles('organizer')
@Controller()
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

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

  @ApiOperation({ summary: '导出各活动统计（CSV）/ Every event’s figures as CSV' })
  @ApiProduces('text/csv')
  @Get('statistics/events.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="statistics.csv"')
  csv(@CurrentUser() user: AuthUser, @Query() query: RollupQueryDto): Promise<Buffer> {
    return this.statistics.export(user, query, 'csv');
  }

  @ApiOperation({ summary: '导出各活动统计（XLSX）/ Every event’s figures as an Excel workbook' })
  @ApiProduces(XLSX)
  @Get('statistics/events.xlsx')
  @Header('content-type', XLSX)
  @Header('content-disposition', 'attachment; filename="statistics.xlsx"')
  xlsx(@CurrentUser() user: AuthUser, @Query() query: RollupQueryDto): Promise<Buffer> {
    return this.statistics.export(user, query, 'xlsx');
  }
}
