import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NeedDto } from 'src/catalog/dto/need.dto';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { DockingMeetingsService } from 'src/docking/docking-meetings.service';
import { DockingSetupService } from 'src/docking/docking-setup.service';
import {
  AnswerMeetingDto,
  DockingTablesDto,
  InviteExpertsDto,
  MeetingDto,
  OutcomeDto,
  RequestMeetingDto,
  SubmitNeedDto,
  SuggestedExpertsDto,
} from 'src/docking/dto/docking.dto';
import { InviteResultDto } from 'src/invitations/dto/invitation.dto';

@ApiTags('docking 精准对接')
@ApiBearerAuth()
@Controller()
export class DockingController {
  constructor(
    private readonly setup: DockingSetupService,
    private readonly meetings: DockingMeetingsService,
  ) {}

  @ApiOperation({ summary: '设置洽谈桌（组织者）/ Set the session’s tables (organizers)' })
  @Roles('organizer')
  @Put('events/:id/docking/tables')
  setTables(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: DockingTablesDto,
  ): Promise<string[]> {
    return this.setup.setTables(user, params.id, body);
  }

  @ApiOperation({
    summary:
      '企业提交对接需求（参会企业、组织者）/ Bring a need to the session (participants, organizers)',
  })
  @Post('events/:id/docking/needs')
  submitNeed(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: SubmitNeedDto,
  ): Promise<NeedDto[]> {
    return this.setup.submitNeed(user, params.id, body.needId);
  }

  @ApiOperation({
    summary: '本场对接需求（参会者、组织者）/ The needs brought (participants, organizers)',
  })
  @Get('events/:id/docking/needs')
  needs(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<NeedDto[]> {
    return this.setup.sessionNeeds(user, params.id);
  }

  @ApiOperation({
    summary: '为各需求推荐专家团队（组织者）/ Suggested expert teams for each need (organizers)',
  })
  @Roles('organizer')
  @Get('events/:id/docking/suggestions')
  suggestions(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
  ): Promise<SuggestedExpertsDto[]> {
    return this.setup.suggestions(user, params.id);
  }

  @ApiOperation({ summary: '邀请专家团队参会（组织者）/ Invite expert teams (organizers)' })
  @Roles('organizer')
  @Post('events/:id/docking/invite-experts')
  inviteExperts(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: InviteExpertsDto,
  ): Promise<InviteResultDto> {
    return this.setup.inviteExperts(user, params.id, body);
  }

  @ApiOperation({ summary: '发起一对一洽谈（参会者）/ Request a 1:1 meeting (participants)' })
  @Post('events/:id/docking/meetings')
  request(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: RequestMeetingDto,
  ): Promise<MeetingDto> {
    return this.meetings.request(user, params.id, body);
  }

  @ApiOperation({
    summary: '我的洽谈日程；组织者看全部 / My meeting schedule; organizers see all',
  })
  @Get('events/:id/docking/schedule')
  schedule(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<MeetingDto[]> {
    return this.meetings.schedule(user, params.id);
  }

  @ApiOperation({ summary: '洽谈详情（双方、组织者）/ One meeting (its parties, organizers)' })
  @Get('docking/meetings/:id')
  meeting(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<MeetingDto> {
    return this.meetings.meeting(user, params.id);
  }

  @ApiOperation({
    summary:
      '接受（分配洽谈桌）或婉拒洽谈（被邀方）/ Accept (a table is given) or decline (the other party)',
  })
  @Post('docking/meetings/:id/answer')
  @HttpCode(200)
  answer(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: AnswerMeetingDto,
  ): Promise<MeetingDto> {
    return this.meetings.answer(user, params.id, body);
  }

  @ApiOperation({
    summary: '取消洽谈（双方、组织者）/ Call a meeting off (its parties, organizers)',
  })
  @Post('docking/meetings/:id/cancel')
  @HttpCode(200)
  cancel(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<MeetingDto> {
    return this.meetings.cancel(user, params.id);
  }

  @ApiOperation({ summary: '记录洽谈结果（双方）/ Record what came of a meeting (its parties)' })
  @Post('docking/meetings/:id/outcome')
  @HttpCode(200)
  outcome(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: OutcomeDto,
  ): Promise<MeetingDto> {
    return this.meetings.recordOutcome(user, params.id, body);
  }
}
