import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AgendaItemDto } from 'src/agenda/dto/agenda.dto';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, OptionalUser, Public, Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import {
  AssignReviewersDto,
  DecideRoadshowDto,
  ReviewDto,
  RoadshowCallDto,
  RoadshowCallViewDto,
  RoadshowDto,
  ScheduleRoadshowDto,
  SubmitRoadshowDto,
} from 'src/roadshows/dto/roadshow.dto';
import { RoadshowsService } from 'src/roadshows/roadshows.service';

@ApiTags('roadshows 路演')
@ApiBearerAuth()
@Controller()
export class RoadshowsController {
  constructor(private readonly roadshows: RoadshowsService) {}

  @ApiOperation({ summary: '设置路演征集（组织者）/ Set the call for roadshows (organizers)' })
  @Roles('organizer')
  @Put('events/:id/roadshow-call')
  setCall(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: RoadshowCallDto,
  ): Promise<RoadshowCallViewDto> {
    return this.roadshows.setCall(user, params.id, body);
  }

  @ApiOperation({ summary: '路演征集 / The call for roadshows' })
  @Public()
  @Get('events/:id/roadshow-call')
  call(
    @OptionalUser() user: AuthUser | undefined,
    @Param() params: IdParamDto,
  ): Promise<RoadshowCallViewDto> {
    return this.roadshows.call(user, params.id);
  }

  @ApiOperation({ summary: '申报路演（专家）/ Submit a result for the roadshow (experts)' })
  @Roles('expert', 'organizer')
  @Post('events/:id/roadshows')
  submit(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: SubmitRoadshowDto,
  ): Promise<RoadshowDto> {
    return this.roadshows.submit(user, params.id, body);
  }

  @ApiOperation({
    summary:
      '路演申报列表：组织者看全部及评审，其他人看本人的 / Submissions: all with reviews for organizers, your own for others',
  })
  @Get('events/:id/roadshows')
  list(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<RoadshowDto[]> {
    return this.roadshows.list(user, params.id);
  }

  @ApiOperation({ summary: '路演申报详情 / One submission' })
  @Get('roadshows/:id')
  get(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<RoadshowDto> {
    return this.roadshows.get(user, params.id);
  }

  @ApiOperation({ summary: '指定评审人（组织者）/ Assign reviewers (organizers)' })
  @Roles('organizer')
  @Post('roadshows/:id/reviewers')
  @HttpCode(200)
  assignReviewers(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: AssignReviewersDto,
  ): Promise<RoadshowDto> {
    return this.roadshows.assignReviewers(user, params.id, body);
  }

  @ApiOperation({ summary: '评审打分 1–5（评审人）/ Score 1–5 with a comment (reviewers)' })
  @Post('roadshows/:id/review')
  @HttpCode(200)
  review(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: ReviewDto,
  ): Promise<RoadshowDto> {
    return this.roadshows.review(user, params.id, body);
  }

  @ApiOperation({
    summary:
      '入选或不入选，并通知主讲人（组织者）/ Accept or reject, telling the presenters (organizers)',
  })
  @Roles('organizer')
  @Post('roadshows/:id/decision')
  @HttpCode(200)
  decide(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: DecideRoadshowDto,
  ): Promise<RoadshowDto> {
    return this.roadshows.decide(user, params.id, body);
  }

  @ApiOperation({
    summary: '把入选路演排入日程（组织者）/ Put an accepted roadshow on the agenda (organizers)',
  })
  @Roles('organizer')
  @Post('roadshows/:id/schedule')
  @HttpCode(200)
  schedule(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: ScheduleRoadshowDto,
  ): Promise<AgendaItemDto> {
    return this.roadshows.schedule(user, params.id, body);
  }

  @ApiOperation({ summary: '撤回申报（申报人）/ Withdraw a submission (its submitter)' })
  @Post('roadshows/:id/withdraw')
  @HttpCode(200)
  withdraw(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<RoadshowDto> {
    return this.roadshows.withdraw(user, params.id);
  }
}
