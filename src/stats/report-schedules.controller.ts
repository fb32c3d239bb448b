import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { ReportScheduleDto, ReportScheduleInputDto } from 'src/stats/dto/report-schedule.dto';
import { ReportSchedules } from 'src/stats/report-schedules';

@ApiTags('statistics 统计')
@ApiBearerAuth()
@Roles('organizer')
@Controller()
export class ReportSchedulesController {
  constructor(private readonly schedules: ReportSchedules) {}

  @ApiOperation({
    summary: '本机构的定期报告（机构管理员）/ The organization’s scheduled reports (its managers)',
  })
  @Get('organizations/:id/report-schedules')
  list(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<ReportScheduleDto[]> {
    return this.schedules.list(user, params.id);
  }

  @ApiOperation({
    summary:
      '设置定期报告：每月或每季度结束后，把上一期的统计报告（Word/PDF 附件）发到所填邮箱，每期只发一次 / Schedule a report: after each full month or quarter the period’s report (Word/PDF attached) is e-mailed to the addresses given, once per period',
  })
  @Post('organizations/:id/report-schedules')
  create(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: ReportScheduleInputDto,
  ): Promise<ReportScheduleDto> {
    return this.schedules.create(user, params.id, body);
  }

  @ApiOperation({ summary: '修改定期报告 / Change a scheduled report' })
  @Put('report-schedules/:id')
  update(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: ReportScheduleInputDto,
  ): Promise<ReportScheduleDto> {
    return this.schedules.update(user, params.id, body);
  }

  @ApiOperation({ summary: '停止定期报告 / Stop a scheduled report' })
  @Delete('report-schedules/:id')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<void> {
    return this.schedules.remove(user, params.id);
  }
}
