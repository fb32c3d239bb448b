import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { FastifyReply } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Public } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { XLSX } from 'src/common/rows';
import { ImportDto } from 'src/imports/dto/import.dto';
import { Imports } from 'src/imports/imports';

/** `/templates/:kind`: results, needs or invitations. */
class TemplateParamsDto {
  @IsString()
  @MaxLength(40)
  kind!: string;
}

@ApiTags('imports 导入')
@ApiBearerAuth()
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: Imports) {}

  @ApiOperation({
    summary:
      '导入模板（XLSX）：中文表头、一行示例（可直接导入）、“说明”页列出每列是否必填与可填写的值 / An import’s template (XLSX): Chinese headers, an example row that imports as it is, and a notes sheet naming what each column takes',
  })
  @ApiParam({ name: 'kind', enum: ['results', 'needs', 'invitations'] })
  @ApiProduces(XLSX)
  @Public()
  @Get('templates/:kind')
  @Header('content-type', XLSX)
  @Header('cache-control', 'no-cache')
  async template(
    @Param() params: TemplateParamsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { fileName, workbook } = await this.imports.template(params.kind);
    const name = encodeURIComponent(fileName);
    reply.header(
      'content-disposition',
      `attachment; filename="${params.kind}.xlsx"; filename*=UTF-8''${name}`,
    );
    return workbook;
  }

  @ApiOperation({
    summary:
      '导入进度与结果：状态、已处理行数、已导入、被拒行的前若干条错误及总数（仅导入人）/ An import’s progress and outcome: status, rows checked, imported, the first refused rows’ problems and their total (its uploader only)',
  })
  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<ImportDto> {
    return this.imports.get(user, params.id);
  }
}
