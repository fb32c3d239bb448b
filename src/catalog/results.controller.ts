import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SpreadsheetBody } from 'src/catalog/catalog-upload';
import { ImportDto } from 'src/imports/dto/import.dto';
import { tableFileOf } from 'src/imports/upload-body';
import { ReleaseDto, ReleaseTargetDto } from 'src/catalog/dto/release.dto';
import {
  CreateResultDto,
  ResultDto,
  ResultPageDto,
  ResultQueryDto,
  UpdateResultDto,
} from 'src/catalog/dto/result.dto';
import { ResultsService } from 'src/catalog/results.service';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, OptionalUser, Public, Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { ImportLimited } from 'src/common/import-limit.guard';

@ApiTags('catalog 成果与需求')
@ApiBearerAuth()
@Controller('results')
export class ResultsController {
  constructor(private readonly results: ResultsService) {}

  @ApiOperation({
    summary: '发布科技成果（专家、组织者）/ Enter a research result (experts, organizers)',
  })
  @Roles('expert', 'organizer')
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() body: CreateResultDto): Promise<ResultDto> {
    return this.results.create(user, body);
  }

  @ApiOperation({
    summary:
      '检索科技成果：关键词、领域、成熟度、合作方式 / Search research results by words, field, readiness, cooperation mode',
  })
  @Public()
  @Get()
  search(
    @OptionalUser() user: AuthUser | undefined,
    @Query() query: ResultQueryDto,
  ): Promise<ResultPageDto> {
    return this.results.search(user, query);
  }

  @ApiOperation({
    summary:
      '批量导入科技成果（CSV/XLSX，专家与组织者，导入的成果归导入人）；?eventId= 或 ?seriesId= 导入本方活动，由其组织者管理；作为后台任务运行（202，返回导入记录，进度见 GET /api/imports/{id}），超出行数或大小上限答 413 / Import results from CSV or XLSX (experts and organizers; the imported results are theirs; ?eventId= or ?seriesId= brings them into one of the caller’s programmes, whose organizers curate them); runs as a job (202 with the import record; follow it at GET /api/imports/{id}, errors by line), 413 past the row or size cap',
  })
  @SpreadsheetBody(
    '成果名称,简介,领域,关键词,成熟度,合作方式,价格下限（万元）,价格上限（万元）,单位,是否发布\n高灵敏度MEMS气体传感器,…,电子信息,气体传感器；MEMS,6,转让；许可,50,120,电子科技大学,是',
  )
  @Roles('expert', 'organizer')
  @Post('import')
  @ImportLimited()
  @HttpCode(202)
  import(
    @CurrentUser() user: AuthUser,
    @Body() body: unknown,
    @Headers('content-type') mediaType: string | undefined,
    @Query() target: ReleaseTargetDto,
  ): Promise<ImportDto> {
    return this.results.import(user, tableFileOf(body, mediaType), target);
  }

  @ApiOperation({ summary: '科技成果详情 / One research result' })
  @Public()
  @Get(':id')
  get(@OptionalUser() user: AuthUser | undefined, @Param() params: IdParamDto): Promise<ResultDto> {
    return this.results.get(user, params.id);
  }

  @ApiOperation({
    summary:
      '修改科技成果（填写者、其所在活动的组织者）/ Edit a research result (its owner, the organizers of a programme it was brought into)',
  })
  @Patch(':id')
  update(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: UpdateResultDto,
  ): Promise<ResultDto> {
    return this.results.update(user, params.id, body);
  }

  @ApiOperation({
    summary:
      '科技成果进入了哪些活动或系列活动（其组织者）/ The events and series the result was brought into, and how (their organizers)',
  })
  @Get(':id/releases')
  releases(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<ReleaseDto[]> {
    return this.results.releasesOf(user, params.id);
  }

  @ApiOperation({
    summary:
      '把科技成果纳入本方的一个活动或系列活动，由其组织者管理（活动负责人）/ Attach the result to one of your events or series, so that its organizers curate it (managers)',
  })
  @Roles('organizer')
  @Post(':id/releases')
  attach(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: ReleaseTargetDto,
  ): Promise<ReleaseDto[]> {
    return this.results.attach(user, params.id, body);
  }
}
