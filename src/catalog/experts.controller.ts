import { Body, Controller, Get, Param, Patch, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ExpertDto,
  ExpertPageDto,
  ExpertQueryDto,
  UpdateExpertDto,
  UpsertExpertDto,
} from 'src/catalog/dto/expert.dto';
import { ExpertsService } from 'src/catalog/experts.service';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';

@ApiTags('catalog 成果与需求')
@ApiBearerAuth()
@Controller('experts')
export class ExpertsController {
  constructor(private readonly experts: ExpertsService) {}

  @ApiOperation({
    summary: '填写或更新本人专家资料（专家）/ Create or replace my expert profile (experts)',
  })
  @Roles('expert')
  @Put('me')
  upsertOwn(@CurrentUser() user: AuthUser, @Body() body: UpsertExpertDto): Promise<ExpertDto> {
    return this.experts.upsertOwn(user, body);
  }

  @ApiOperation({ summary: '本人专家资料 / My expert profile' })
  @Roles('expert')
  @Get('me')
  own(@CurrentUser() user: AuthUser): Promise<ExpertDto> {
    return this.experts.own(user);
  }

  @ApiOperation({ summary: '检索专家（登录用户）/ Search experts (signed-in users)' })
  @Get()
  search(@CurrentUser() user: AuthUser, @Query() query: ExpertQueryDto): Promise<ExpertPageDto> {
    return this.experts.search(user, query);
  }

  @ApiOperation({ summary: '专家详情（登录用户）/ One expert (signed-in users)' })
  @Get(':id')
  get(@Param() params: IdParamDto): Promise<ExpertDto> {
    return this.experts.get(params.id);
  }

  @ApiOperation({
    summary:
      '修订专家资料（其成果所在活动的组织者）/ Correct an expert profile (the organizers of a programme one of the expert’s results was brought into)',
  })
  @Roles('organizer')
  @Patch(':id')
  curate(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: UpdateExpertDto,
  ): Promise<ExpertDto> {
    return this.experts.curate(user, params.id, body);
  }
}
