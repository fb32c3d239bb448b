import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Public, Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { CheckInService } from 'src/registrations/check-in.service';
import {
  AttendanceDto,
  CheckInDto,
  CheckInSearchDto,
  ManageTokenQueryDto,
  RegistrationDto,
  RosterEntryDto,
} from 'src/registrations/dto/registration.dto';
import { RegistrantsService } from 'src/registrations/registrants.service';

@ApiTags('check-in 签到')
@ApiBearerAuth()
@Controller()
export class CheckInController {
  constructor(
    private readonly checkIns: CheckInService,
    private readonly registrants: RegistrantsService,
  ) {}

  @ApiOperation({ summary: '签到码二维码 PNG / The check-in code as a PNG QR code' })
  @ApiProduces('image/png')
  @Public()
  @Get('registrations/:id/qr.png')
  @Header('cache-control', 'private, max-age=3600')
  async qrPng(
    @Req() request: FastifyRequest,
    @Param() params: IdParamDto,
    @Query() query: ManageTokenQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    reply.type('image/png');
    return (await this.registrants.checkInQr(
      request.user,
      params.id,
      query.token,
      'png',
    )) as Buffer;
  }

  @ApiOperation({ summary: '签到码二维码 SVG / The check-in code as an SVG QR code' })
  @ApiProduces('image/svg+xml')
  @Public()
  @Get('registrations/:id/qr.svg')
  @Header('cache-control', 'private, max-age=3600')
  async qrSvg(
    @Req() request: FastifyRequest,
    @Param() params: IdParamDto,
    @Query() query: ManageTokenQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    reply.type('image/svg+xml');
    return (await this.registrants.checkInQr(
      request.user,
      params.id,
      query.token,
      'svg',
    )) as string;
  }

  @ApiOperation({
    summary: '报名所对应活动的日历文件 / The registration’s event as a calendar file',
  })
  @ApiProduces('text/calendar')
  @Public()
  @Get('registrations/:id/calendar.ics')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="event.ics"')
  calendar(
    @Req() request: FastifyRequest,
    @Param() params: IdParamDto,
    @Query() query: ManageTokenQueryDto,
  ): Promise<string> {
    return this.registrants.calendar(request.user, params.id, query.token);
  }

  @ApiOperation({
    summary:
      '签到：扫码、输入签到码或按搜索结果（组织者）/ Check in by scanned or typed code, or a found registration',
  })
  @Roles('organizer')
  @Post('events/:id/check-ins')
  @HttpCode(200)
  checkIn(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: CheckInDto,
  ): Promise<RegistrationDto> {
    return this.checkIns.checkIn(user, params.id, body);
  }

  @ApiOperation({
    summary: '按姓名和手机尾号查找报名（组织者）/ Find by name and the mobile’s last four digits',
  })
  @Roles('organizer')
  @Get('events/:id/check-ins/search')
  search(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Query() query: CheckInSearchDto,
  ): Promise<RegistrationDto[]> {
    return this.checkIns.search(user, params.id, query);
  }

  @ApiOperation({
    summary:
      '已确认报名及签到码，供离线签到（组织者）/ Confirmed registrants with their codes, to check in offline',
  })
  @Roles('organizer')
  @Get('events/:id/check-ins/roster')
  roster(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<RosterEntryDto[]> {
    return this.checkIns.roster(user, params.id);
  }

  @ApiOperation({ summary: '到场情况，按界别（组织者）/ Attendance, by sector' })
  @Roles('organizer')
  @Get('events/:id/attendance')
  attendance(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<AttendanceDto> {
    return this.checkIns.attendance(user, params.id);
  }
}
