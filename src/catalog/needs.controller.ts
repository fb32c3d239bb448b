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
  CreateNeedDto,
  NeedDto,
  NeedPageDto,
  NeedQueryDto,
  UpdateNeedDto,
} from 'src/catalog/dto/need.dto';
import { NeedsService } from 'src/catalog/needs.service';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, OptionalUser, Public, Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { ImportLimited } from 'src/common/import-limit.guard';

@ApiTags('catalog 成果与需求')
@ApiBearerAuth()
@Controller('needs')
export class NeedsController {
  constructor(private readonly needs: NeedsService) {}

  @ApiOperation({
    summary: '发布技术需求（企业、组织者）/ Enter a technical need (enterprises, organizers)',
  })
  @Roles('enterprise', 'organizer')
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() body: CreateNeedDto): Promise<NeedDto> {
    return this.needs.create(user, body);
  }

  @ApiOperation({
    summary:
      '检索技术需求：保密内容只对有权查看者可见 / Search technical needs; confidential details only for those entitled',
  })
  @Public()
  @Get()
  search(
    @OptionalUser() user: AuthUser | undefined,
    @Query() query: NeedQueryDto,
  ): Promise<NeedPageDto> {
    return this.needs.search(user, query);
  }

  @ApiOperation({
    summary:
      '批量导入技术需求（CSV/XLSX，企业与组织者，导入的需求归导入人）；?eventId= 或 ?seriesId= 导入本方活动，由其组织者管理；作为后台任务运行（202，返回导入记录，进度见 GET /api/imports/{id}），超出行数或大小上限答 413 / Import needs from CSV or XLSX (enterprises and organizers; the imported needs are theirs; ?eventId= or ?seriesId= brings them into one of the caller’s programmes, whose organizers curate them); runs as a job (202 with the import record; follow it at GET /api/imports/{id}, errors by line), 413 past the row or size cap',
  })
  @SpreadsheetBody(
    '需求名称,需求描述,企业名称,领域,关键词,预算下限（万元）,预算上限（万元）,截止日期,保密级别,是否发布\n天然气管网泄漏在线监测,…,成都燃气集团,电子信息,甲烷；泄漏,30,80,2027-06-30,仅匹配专家,是',
  )
  @Roles('enterprise', 'organizer')
  @Post('import')
  @ImportLimited()
  @HttpCode(202)
  import(
    @CurrentUser() user: AuthUser,
    @Body() body: unknown,
    @Headers('content-type') mediaType: string | undefined,
    @Query() target: ReleaseTargetDto,
  ): Promise<ImportDto> {
    return this.needs.import(user, tableFileOf(body, mediaType), target);
  }

  @ApiOperation({ summary: '技术需求详情 / One technical need' })
  @Public()
  @Get(':id')
  get(@OptionalUser() user: AuthUser | undefined, @Param() params: IdParamDto): Promise<NeedDto> {
    return this.needs.get(user, params.id);
  }

  @ApiOperation({
    summary:
      '修改技术需求（填写者、其所在活动的组织者）/ Edit a technical need (its owner, the organizers of a programme it was brought into)',
  })
  @Patch(':id')
  update(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: UpdateNeedDto,
  ): Promise<NeedDto> {
    return this.needs.update(user, params.id, body);
  }

  @ApiOperation({
    summary:
      '技术需求进入了哪些活动或系列活动（其组织者）/ The events and series the need was brought into, and how (their organizers)',
  })
  @Get(':id/releases')
  releases(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<ReleaseDto[]> {
    return this.needs.releasesOf(user, params.id);
  }

  @ApiOperation({
    summary:
      '把技术需求纳入本方的一个活动或系列活动，由其组织者管理（活动负责人）/ Attach the need to one of your events or series, so that its organizers curate it (managers)',
  })
  @Roles('organizer')
  @Post(':id/releases')
  attach(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: ReleaseTargetDto,
  ): Promise<ReleaseDto[]> {
    return this.needs.attach(user, params.id, body);
  }
}
