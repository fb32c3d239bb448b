import { Body, Controller, Get, Header, Headers, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { templateWorkbook } from 'src/backfill/backfill-workbook';
import { XLSX } from 'src/common/rows';
import { BackfillService } from 'src/backfill/backfill.service';
import { BackfillDto, BackfillRowsDto } from 'src/backfill/dto/backfill.dto';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { ImportLimited } from 'src/common/import-limit.guard';

@ApiTags('backfill 历史补录')
@ApiBearerAuth()
@Roles('organizer')
@Controller()
export class BackfillController {
  constructor(private readonly backfills: BackfillService) {}

  @ApiOperation({
    summary:
      '补录一个过去的年度项目（机构管理员）：活动、成果、需求、路演、签约、回访、外部观看；不发送任何消息 / Back-fill a past programme (the organization’s managers); nothing is sent',
  })
  @Post('organizations/:id/backfills')
  backfill(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: BackfillRowsDto,
  ): Promise<BackfillDto> {
    return this.backfills.backfill(user, params.id, body);
  }

  @ApiOperation({
    summary:
      '本机构的历次补录（机构管理员），新的在前 / The organization’s back-fills, latest first',
  })
  @Get('organizations/:id/backfills')
  list(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<BackfillDto[]> {
    return this.backfills.list(user, params.id);
  }

  @ApiOperation({
    summary:
      '以 XLSX 工作簿补录（每类一张表，中文表头，见模板）；逐行检查，有误时按表和行号列出原因（422），不写入任何数据 / Back-fill from an XLSX workbook (a sheet per kind, Chinese headers, see the template); every row checked, problems by sheet and row (422), nothing written',
  })
  @ApiConsumes(XLSX)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @Post('organizations/:id/backfills.xlsx')
  @ImportLimited()
  backfillWorkbook(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: unknown,
    @Headers('content-type') mediaType: string | undefined,
  ): Promise<BackfillDto> {
    return this.backfills.backfillWorkbook(user, params.id, body, mediaType);
  }

  @ApiOperation({ summary: '补录工作簿模板（XLSX）/ The back-fill workbook template' })
  @ApiProduces(XLSX)
  @Get('backfills/template.xlsx')
  @Header('content-type', XLSX)
  @Header('content-disposition', 'attachment; filename="backfill-template.xlsx"')
  template(): Promise<Buffer> {
    return templateWorkbook();
  }

  @ApiOperation({ summary: '一次补录 / One back-fill' })
  @Get('backfills/:id')
  get(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<BackfillDto> {
    return this.backfills.get(user, params.id);
  }

  @ApiOperation({
    summary: '撤销整次补录，统计随之重算 / Undo a back-fill as a whole; the figures follow',
  })
  @Post('backfills/:id/undo')
  @HttpCode(200)
  undo(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<BackfillDto> {
    return this.backfills.undo(user, params.id);
  }
}
