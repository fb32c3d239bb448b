import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  Param,
  Post,
  Put,
  Query,
  Req,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Public, Roles } from 'src/common/auth/decorators';
import { ExportLanguageDto, IdParamDto } from 'src/common/dto';
import { exportLocale } from 'src/common/export-table';
import { AppConfig, Locale } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { EventDto } from 'src/events/dto/event.dto';
import { EventsService } from 'src/events/events.service';
import {
  CapacityDto,
  ManageTokenQueryDto,
  NewRegistrationDto,
  RegisterDto,
  RegistrationDto,
  RegistrationLinkRequestDto,
  RegistrationPageDto,
  RegistrationQueryDto,
} from 'src/registrations/dto/registration.dto';
import { RegistrantsService } from 'src/registrations/registrants.service';
import { RegistrationHolds } from 'src/registrations/registration-holds';
import { RegistrationLinks } from 'src/registrations/registration-links';
import { RegistrationsService } from 'src/registrations/registrations.service';
import { SeatAllocationService } from 'src/registrations/seat-allocation.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('registrations 报名')
@ApiBearerAuth()
@Controller()
export class RegistrationsController {
  constructor(
    private readonly registrations: RegistrationsService,
    private readonly registrants: RegistrantsService,
    private readonly seats: SeatAllocationService,
    private readonly events: EventsService,
    private readonly holds: RegistrationHolds,
    private readonly links: RegistrationLinks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @ApiOperation({
    summary:
      '报名（登录用户或访客）：有名额即确认，否则进入候补 / Register, signed in or as a guest: confirmed while seats last, else waitlisted',
  })
  @Public()
  @Post('events/:id/registrations')
  register(
    @Req() request: FastifyRequest,
    @Param() params: IdParamDto,
    @Body() body: RegisterDto,
  ): Promise<NewRegistrationDto> {
    return this.registrations.register(request.user, params.id, body, request.ip);
  }

  @ApiOperation({
    summary:
      '重新发送报名页链接到报名时的邮箱或手机（无论是否报名，回答相同）/ Send a registration’s link again to the address it was made with (the same answer either way)',
  })
  @Public()
  @Post('events/:id/registration-link')
  @HttpCode(202)
  async sendLinkAgain(
    @Req() request: FastifyRequest,
    @Param() params: IdParamDto,
    @Body() body: RegistrationLinkRequestDto,
  ): Promise<void> {
    await this.links.sendAgain(request.user, params.id, body.contact, request.ip);
  }

  @ApiOperation({ summary: '报名名单（组织者）/ The registrants (organizers)' })
  @Roles('organizer')
  @Get('events/:id/registrations')
  list(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Query() query: RegistrationQueryDto,
  ): Promise<RegistrationPageDto> {
    return this.registrants.list(user, params.id, query);
  }

  @ApiOperation({
    summary:
      '导出报名名单 CSV（组织者）：一种语言（?lang= 或 Accept-Language），时间为活动时区的本地时间 / Export the registrants as CSV (organizers): one language (?lang= or Accept-Language), times in the event’s zone',
  })
  @ApiProduces('text/csv')
  @Roles('organizer')
  @Get('events/:id/registrations.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="registrations.csv"')
  exportCsv(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Query() query: ExportLanguageDto,
  ): Promise<Buffer> {
    return this.registrants.export(user, params.id, 'csv', this.localeOf(request, query));
  }

  @ApiOperation({
    summary:
      '导出报名名单 Excel（组织者）：一种语言，序号为数字，时间为日期单元格（活动时区）/ Export the registrants as an Excel workbook (organizers): one language, numbers as numbers, times as date cells in the event’s zone',
  })
  @ApiProduces(XLSX)
  @Roles('organizer')
  @Get('events/:id/registrations.xlsx')
  @Header('content-type', XLSX)
  @Header('content-disposition', 'attachment; filename="registrations.xlsx"')
  exportXlsx(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Query() query: ExportLanguageDto,
  ): Promise<Buffer> {
    return this.registrants.export(user, params.id, 'xlsx', this.localeOf(request, query));
  }

  /** The export's one language: `?lang=` (the page's), else the client's. */
  private localeOf(request: FastifyRequest, query: ExportLanguageDto): Locale {
    return exportLocale(query.lang, request.headers['accept-language'], this.config.defaultLocale);
  }

  @ApiOperation({
    summary:
      '修改容量；新增名额先给候补（组织者）/ Change the capacity; added seats go to the waiting list first',
  })
  @Roles('organizer')
  @Put('events/:id/capacity')
  async setCapacity(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: CapacityDto,
  ): Promise<EventDto> {
    await this.seats.setCapacity(user, params.id, body);
    return this.events.get(user, params.id);
  }

  @ApiOperation({
    summary:
      '查看报名（本人凭登录或 token，或组织者）/ One registration: yours (account or token) or as organizer',
  })
  @Public()
  @Get('registrations/:id')
  get(
    @Req() request: FastifyRequest,
    @Param() params: IdParamDto,
    @Query() query: ManageTokenQueryDto,
  ): Promise<RegistrationDto> {
    return this.registrants.get(request.user, params.id, query.token);
  }

  @ApiOperation({
    summary: '批准闭门活动的报名（组织者）/ Approve a pending registration (organizers)',
  })
  @Roles('organizer')
  @Post('registrations/:id/approve')
  @HttpCode(200)
  approve(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<RegistrationDto> {
    return this.registrations.approve(user, params.id);
  }

  @ApiOperation({
    summary: '拒绝闭门活动的报名（组织者）/ Reject a pending registration (organizers)',
  })
  @Roles('organizer')
  @Post('registrations/:id/reject')
  @HttpCode(200)
  reject(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<RegistrationDto> {
    return this.registrations.reject(user, params.id);
  }

  @ApiOperation({
    summary: '取消报名；空出的名额给候补第一位 / Cancel; the seat goes to the first in line',
  })
  @Public()
  @Post('registrations/:id/cancel')
  @HttpCode(200)
  cancel(
    @Req() request: FastifyRequest,
    @Param() params: IdParamDto,
    @Query() query: ManageTokenQueryDto,
  ): Promise<RegistrationDto> {
    return this.registrations.cancel(request.user, params.id, query.token);
  }

  @ApiOperation({
    summary:
      '确认报名：访客凭链接确认后，保留的名额才归其所有 / Confirm a held seat by the link (guests of events that ask them to)',
  })
  @Public()
  @Post('registrations/:id/confirm')
  @HttpCode(200)
  confirm(
    @Req() request: FastifyRequest,
    @Param() params: IdParamDto,
    @Query() query: ManageTokenQueryDto,
  ): Promise<RegistrationDto> {
    return this.holds.confirm(request.user, params.id, query.token);
  }
}
