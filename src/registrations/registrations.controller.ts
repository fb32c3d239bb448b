import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
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
import { IdParamDto } from 'src/common/dto';
import { EventDto } from 'src/events/dto/event.dto';
import { EventsService } from 'src/events/events.service';
import {
  CapacityDto,
  ManageTokenQueryDto,
  NewRegistrationDto,
  RegisterDto,
  RegistrationDto,
  RegistrationPageDto,
  RegistrationQueryDto,
} from 'src/registrations/dto/registration.dto';
import { RegistrantsService } from 'src/registrations/registrants.service';
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
    return this.registrations.register(request.user, params.id, body);
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
    summary: '导出报名名单 CSV（组织者）/ Export the registrants as CSV (organizers)',
  })
  @ApiProduces('text/csv')
  @Roles('organizer')
  @Get('events/:id/registrations.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="registrations.csv"')
  exportCsv(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<Buffer> {
    return this.registrants.export(user, params.id, 'csv');
  }

  @ApiOperation({
    summary:
      '导出报名名单 Excel（组织者）/ Export the registrants as an Excel workbook (organizers)',
  })
  @ApiProduces(XLSX)
  @Roles('organizer')
  @Get('events/:id/registrations.xlsx')
  @Header('content-type', XLSX)
  @Header('content-disposition', 'attachment; filename="registrations.xlsx"')
  exportXlsx(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<Buffer> {
    return this.registrants.export(user, params.id, 'xlsx');
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
}
