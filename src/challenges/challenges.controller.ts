import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ChallengesService } from 'src/challenges/challenges.service';
import {
  BidDto,
  ChallengeDto,
  ChallengePageDto,
  ChallengeQueryDto,
  CreateChallengeDto,
  MoveBidDto,
  SubmitBidDto,
  UpdateChallengeDto,
} from 'src/challenges/dto/challenge.dto';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, OptionalUser, Public, Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';

@ApiTags('challenges 揭榜挂帅')
@ApiBearerAuth()
@Controller()
export class ChallengesController {
  constructor(private readonly challenges: ChallengesService) {}

  @ApiOperation({ summary: '发榜（企业、组织者）/ Post a challenge (enterprises, organizers)' })
  @Roles('enterprise', 'organizer')
  @Post('challenges')
  create(@CurrentUser() user: AuthUser, @Body() body: CreateChallengeDto): Promise<ChallengeDto> {
    return this.challenges.create(user, body);
  }

  @ApiOperation({ summary: '榜单列表 / Challenges' })
  @Public()
  @Get('challenges')
  list(
    @OptionalUser() user: AuthUser | undefined,
    @Query() query: ChallengeQueryDto,
  ): Promise<ChallengePageDto> {
    return this.challenges.list(user, query);
  }

  @ApiOperation({ summary: '榜单详情 / One challenge' })
  @Public()
  @Get('challenges/:id')
  get(
    @OptionalUser() user: AuthUser | undefined,
    @Param() params: IdParamDto,
  ): Promise<ChallengeDto> {
    return this.challenges.get(user, params.id);
  }

  @ApiOperation({
    summary: '修改榜单（发榜方、组织者）/ Edit a challenge (its poster, organizers)',
  })
  @Patch('challenges/:id')
  update(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: UpdateChallengeDto,
  ): Promise<ChallengeDto> {
    return this.challenges.update(user, params.id, body);
  }

  @ApiOperation({ summary: '提交揭榜方案（截止前）/ Bid for a challenge (before its deadline)' })
  @Post('challenges/:id/bids')
  bid(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: SubmitBidDto,
  ): Promise<BidDto> {
    return this.challenges.bid(user, params.id, body);
  }

  @ApiOperation({
    summary:
      '揭榜方案：发榜方与组织者看全部，揭榜方看本人的 / Bids: all for the poster and organizers, your own for a bidder',
  })
  @Get('challenges/:id/bids')
  bids(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<BidDto[]> {
    return this.challenges.bids(user, params.id);
  }

  @ApiOperation({ summary: '揭榜方案详情 / One bid' })
  @Get('challenge-bids/:id')
  getBid(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<BidDto> {
    return this.challenges.getBid(user, params.id);
  }

  @ApiOperation({
    summary:
      '入围、揭榜成功或未入选（发榜方、组织者），或撤回（揭榜方）/ Shortlist, award or reject (poster, organizers), or withdraw (bidder)',
  })
  @Post('challenge-bids/:id/status')
  @HttpCode(200)
  moveBid(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: MoveBidDto,
  ): Promise<BidDto> {
    return this.challenges.moveBid(user, params.id, body);
  }
}
