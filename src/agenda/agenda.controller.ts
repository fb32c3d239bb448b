import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Patch,
  Post,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AgendaService } from 'src/agenda/agenda.service';
import { AgendaRooms } from 'src/agenda/agenda-rooms';
import {
  AgendaDto,
  AgendaItemDto,
  CreateAgendaItemDto,
  CreateRoomDto,
  ReorderAgendaDto,
  RoomDto,
  UpdateAgendaItemDto,
} from 'src/agenda/dto/agenda.dto';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, OptionalUser, Public, Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';

@ApiTags('agenda 日程')
@ApiBearerAuth()
@Controller()
export class AgendaController {
  constructor(
    private readonly agenda: AgendaService,
    private readonly roomList: AgendaRooms,
  ) {}

  @ApiOperation({
    summary:
      '添加日程环节；场地或主讲人时间冲突时返回 409 并指明冲突环节（组织者）/ Add an agenda item; a room or presenter overlap is 409 naming the item in the way (organizers)',
  })
  @Roles('organizer')
  @Post('events/:id/agenda')
  create(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: CreateAgendaItemDto,
  ): Promise<AgendaItemDto> {
    return this.agenda.create(user, params.id, body);
  }

  @ApiOperation({
    summary: '活动的场地列表（组织者）/ The event’s rooms (organizers)',
  })
  @Roles('organizer')
  @Get('events/:id/rooms')
  rooms(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<RoomDto[]> {
    return this.roomList.list(user, params.id);
  }

  @ApiOperation({
    summary:
      '添加场地；名称去掉空格、全半角统一后与已有场地相同时返回 409（组织者）/ Add a room; a name that is one of the list already, spaces and full-width forms aside, is 409 (organizers)',
  })
  @Roles('organizer')
  @Post('events/:id/rooms')
  addRoom(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: CreateRoomDto,
  ): Promise<RoomDto> {
    return this.roomList.add(user, params.id, body.name);
  }

  @ApiOperation({
    summary:
      '活动日程（已发布者公开；组织者可见草稿）/ The agenda (published: as the event; draft: organizers)',
  })
  @Public()
  @Get('events/:id/agenda')
  get(@OptionalUser() user: AuthUser | undefined, @Param() params: IdParamDto): Promise<AgendaDto> {
    return this.agenda.agenda(user, params.id);
  }

  @ApiOperation({ summary: '日程日历文件 / The agenda as an iCalendar file' })
  @ApiProduces('text/calendar')
  @Public()
  @Get('events/:id/agenda.ics')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="agenda.ics"')
  calendar(
    @OptionalUser() user: AuthUser | undefined,
    @Param() params: IdParamDto,
  ): Promise<string> {
    return this.agenda.calendar(user, params.id);
  }

  @ApiOperation({
    summary:
      '发布日程并通知主讲人（组织者）/ Publish the agenda and tell the presenters (organizers)',
  })
  @Roles('organizer')
  @Post('events/:id/agenda/publish')
  @HttpCode(200)
  publish(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<AgendaDto> {
    return this.agenda.publish(user, params.id);
  }

  @ApiOperation({ summary: '调整参观点顺序（组织者）/ Reorder the visit stops (organizers)' })
  @Roles('organizer')
  @Post('events/:id/agenda/reorder')
  @HttpCode(200)
  reorder(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: ReorderAgendaDto,
  ): Promise<AgendaDto> {
    return this.agenda.reorder(user, params.id, body);
  }

  @ApiOperation({
    summary: '修改或移动日程环节（组织者）/ Edit or move an agenda item (organizers)',
  })
  @Roles('organizer')
  @Patch('agenda/:id')
  update(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: UpdateAgendaItemDto,
  ): Promise<AgendaItemDto> {
    return this.agenda.update(user, params.id, body);
  }

  @ApiOperation({ summary: '删除日程环节（组织者）/ Remove an agenda item (organizers)' })
  @Roles('organizer')
  @Delete('agenda/:id')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<void> {
    return this.agenda.remove(user, params.id);
  }
}
