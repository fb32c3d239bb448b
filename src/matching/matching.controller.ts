import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import {
  DecideMatchDto,
  MatchDto,
  MatchPageDto,
  MatchQueryDto,
  SuggestionDto,
  SuggestionQueryDto,
} from 'src/matching/dto/match.dto';
import { MatchingService } from 'src/matching/matching.service';

@ApiTags('matching 匹配')
@ApiBearerAuth()
@Controller()
export class MatchingController {
  constructor(private readonly matching: MatchingService) {}

  @ApiOperation({
    summary:
      '为需求推荐科技成果或专家，附匹配理由（需求方、需求所在活动的组织者）/ Results or experts for a need, ranked, with reasons (its owner, the organizers of a programme it was brought into)',
  })
  @Get('needs/:id/matches')
  forNeed(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Query() query: SuggestionQueryDto,
  ): Promise<SuggestionDto[]> {
    return this.matching.forNeed(user, params.id, query.kind, query.limit);
  }

  @ApiOperation({
    summary:
      '为科技成果推荐技术需求（成果所在活动的组织者）/ Needs for a result, ranked, with reasons (the organizers of a programme it was brought into)',
  })
  @Roles('organizer')
  @Get('results/:id/matches')
  forResult(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Query() query: SuggestionQueryDto,
  ): Promise<SuggestionDto[]> {
    return this.matching.forResult(user, params.id, query.limit);
  }

  @ApiOperation({
    summary:
      '确认或否决一组匹配（需求所在活动的组织者）/ Confirm or reject a suggested pair (the organizers of a programme the need was brought into)',
  })
  @Roles('organizer')
  @Post('matches')
  decide(@CurrentUser() user: AuthUser, @Body() body: DecideMatchDto): Promise<MatchDto> {
    return this.matching.decide(user, body);
  }

  @ApiOperation({
    summary:
      '匹配决定列表：只含本方活动的需求与成果（组织者）/ Decided matches on the needs and results brought into the caller’s programmes (organizers)',
  })
  @Roles('organizer')
  @Get('matches')
  list(@CurrentUser() user: AuthUser, @Query() query: MatchQueryDto): Promise<MatchPageDto> {
    return this.matching.list(user, query);
  }
}
