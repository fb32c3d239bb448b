import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, OptionalUser, Public, Roles } from 'src/common/auth/decorators';
import { IdParamDto, SearchQueryDto } from 'src/common/dto';
import {
  ChangeEventStatusDto,
  CreateEventDto,
  EventDto,
  EventPageDto,
  EventQueryDto,
  UpdateEventDto,
  CopyEventDto,
} from 'src/events/dto/event.dto';
import { CreateSeriesDto, SeriesDto } from 'src/events/dto/series.dto';
import { EventsService } from 'src/events/events.service';

@ApiTags('events 活动')
@ApiBearerAuth()
@Controller()
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @ApiOperation({ summary: '创建系列活动（组织者）/ Create a series (organizers)' })
  @Roles('organizer')
  @Post('series')
  createSeries(@CurrentUser() user: AuthUser, @Body() body: CreateSeriesDto): Promise<SeriesDto> {
    return this.events.createSeries(user, body);
  }

  @ApiOperation({
    summary: '系列活动列表 / List series',
    description:
      "有公开活动的系列，以及本机构（及下级机构）的系列。/ Series with a public event, and those of one's own organizations (and those below them).",
  })
  @Public()
  @Get('series')
  listSeries(
    @OptionalUser() user: AuthUser | undefined,
    @Query() query: SearchQueryDto,
  ): Promise<SeriesDto[]> {
    return this.events.listSeries(user, query);
  }

  @ApiOperation({ summary: '系列活动详情 / One series' })
  @Public()
  @Get('series/:id')
  getSeries(
    @OptionalUser() user: AuthUser | undefined,
    @Param() params: IdParamDto,
  ): Promise<SeriesDto> {
    return this.events.getSeries(user, params.id);
  }

  @ApiOperation({ summary: '创建活动草稿（组织者）/ Create an event as a draft (organizers)' })
  @Roles('organizer')
  @Post('events')
  create(@CurrentUser() user: AuthUser, @Body() body: CreateEventDto): Promise<EventDto> {
    return this.events.create(user, body);
  }

  @ApiOperation({ summary: '修改活动（组织者）/ Edit an event (organizers)' })
  @Roles('organizer')
  @Patch('events/:id')
  update(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: UpdateEventDto,
  ): Promise<EventDto> {
    return this.events.update(user, params.id, body);
  }

  @ApiOperation({
    summary:
      '变更活动状态：发布、开放/截止报名、开始直播、结束、归档、取消 / Move an event: publish, open or close registration, go live, conclude, archive, cancel',
  })
  @Roles('organizer')
  @Post('events/:id/status')
  @HttpCode(200)
  changeStatus(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: ChangeEventStatusDto,
  ): Promise<EventDto> {
    return this.events.changeStatus(user, params.id, body);
  }

  @ApiOperation({
    summary:
      '复制活动：新草稿沿用详情、名额、报名问题、场地与议程；给出 startsAt 时活动与议程整体移到新的开始时间（否则在草稿上再设定，议程随之移动）；不含报名与邀请 / Copy an event: a new draft with its details, seats, questions, rooms and agenda; with `startsAt` the event and its agenda move to the new start together (else set it on the draft and the agenda moves with it); no registrations or invitations',
  })
  @Roles('organizer')
  @Post('events/:id/copy')
  copy(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: CopyEventDto,
  ): Promise<EventDto> {
    return this.events.copy(user, params.id, body);
  }

  @ApiOperation({ summary: '活动列表（可筛选）/ List events you may see, with filters' })
  @Public()
  @Get('events')
  list(@Req() request: FastifyRequest, @Query() query: EventQueryDto): Promise<EventPageDto> {
    return this.events.list(request.user, query);
  }

  @ApiOperation({
    summary:
      '活动详情（闭门活动对未受邀者不存在）/ One event (closed-door events do not exist for the uninvited)',
  })
  @Public()
  @Get('events/:id')
  get(@Req() request: FastifyRequest, @Param() params: IdParamDto): Promise<EventDto> {
    return this.events.get(request.user, params.id);
  }
}
