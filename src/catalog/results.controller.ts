import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SpreadsheetBody, spreadsheet } from 'src/catalog/catalog-upload';
import { ImportResultDto } from 'src/catalog/dto/import-report.dto';
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
      '批量导入科技成果（CSV/XLSX，专家与组织者，导入的成果归导入人），按行报告错误 / Import results from CSV or XLSX (experts and organizers; the imported results are theirs); errors by line',
  })
  @SpreadsheetBody(
    '成果名称,简介,领域,关键词,成熟度,合作方式,价格下限（万元）,价格上限（万元）,单位,是否发布\n高灵敏度MEMS气体传感器,…,电子信息,气体传感器；MEMS,6,转让；许可,50,120,电子科技大学,是',
  )
  @Roles('expert', 'organizer')
  @Post('import')
  import(@CurrentUser() user: AuthUser, @Body() body: unknown): Promise<ImportResultDto> {
    return this.results.import(user, spreadsheet(body));
  }

  @ApiOperation({ summary: '科技成果详情 / One research result' })
  @Public()
  @Get(':id')
  get(@OptionalUser() user: AuthUser | undefined, @Param() params: IdParamDto): Promise<ResultDto> {
    return this.results.get(user, params.id);
  }

  @ApiOperation({
    summary: '修改科技成果（填写者、组织者）/ Edit a research result (its owner, organizers)',
  })
  @Patch(':id')
  update(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: UpdateResultDto,
  ): Promise<ResultDto> {
    return this.results.update(user, params.id, body);
  }
}
